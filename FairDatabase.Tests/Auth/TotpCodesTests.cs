using System.Text;
using FairDatabase.Core.Auth.Mfa;
using OtpNet;

namespace FairDatabase.Tests.Auth;

/// <summary>The TOTP check against RFC 6238's published SHA-1 vectors (secret "12345678901234567890"), cut to six digits.</summary>
public sealed class TotpCodesTests
{
    private static readonly string Secret = Base32Encoding.ToString(Encoding.ASCII.GetBytes("12345678901234567890"));

    [Theory]
    [InlineData(59, "287082", 1)]              // RFC 6238: 94287082 at T = 59
    [InlineData(1111111109, "081804", 37037036)] // 07081804
    [InlineData(1234567890, "005924", 41152263)] // 89005924
    public void A_published_code_matches_its_time_step(long unixSeconds, string code, long step) =>
        Assert.Equal(step, TotpCodes.MatchStep(Secret, code, DateTimeOffset.FromUnixTimeSeconds(unixSeconds)));

    [Fact]
    public void A_code_is_accepted_one_step_early_or_late_but_not_two()
    {
        var at = DateTimeOffset.FromUnixTimeSeconds(59);
        Assert.Equal(1, TotpCodes.MatchStep(Secret, "287082", at.AddSeconds(30)));
        Assert.Equal(1, TotpCodes.MatchStep(Secret, "287082", at.AddSeconds(-30)));
        Assert.Null(TotpCodes.MatchStep(Secret, "287082", at.AddSeconds(60)));
    }

    [Theory]
    [InlineData("123 456", true)]
    [InlineData("12345", false)]
    [InlineData("12345a", false)]
    [InlineData("ABCD-EFGH-JKLM-NPQR", false)]
    public void Only_six_digits_are_treated_as_a_TOTP_code(string typed, bool expected) =>
        Assert.Equal(expected, TotpCodes.LooksLikeCode(typed, out _));

    [Fact]
    public void Recovery_codes_are_ten_distinct_and_their_hash_ignores_dashes_spaces_and_case()
    {
        var codes = RecoveryCodes.New();
        Assert.Equal(10, codes.Distinct().Count());
        Assert.Equal(RecoveryCodes.Hash(codes[0]), RecoveryCodes.Hash(codes[0].Replace("-", " ", StringComparison.Ordinal).ToLowerInvariant()));
        Assert.NotEqual(RecoveryCodes.Hash(codes[0]), RecoveryCodes.Hash(codes[1]));
        Assert.Null(RecoveryCodes.Hash("not a code"));
    }
}
