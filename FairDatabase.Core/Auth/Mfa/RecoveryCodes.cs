using System.Security.Cryptography;
using System.Text;

namespace FairDatabase.Core.Auth.Mfa;

/// <summary>
/// One-time recovery codes: 16 base32 characters (80 random bits) shown as four groups, stored
/// only as SHA-256. At 80 bits a plain hash cannot be brute-forced back, so lookups stay one
/// indexed equality instead of a slow hash per stored code.
/// </summary>
public static class RecoveryCodes
{
    public const int Count = 10;
    private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"; // 32 symbols, no 0/O or 1/I

    public static IReadOnlyList<string> New() =>
        [.. Enumerable.Range(0, Count).Select(_ =>
        {
            var chars = RandomNumberGenerator.GetString(Alphabet, 16);
            return string.Join('-', chars.Chunk(4).Select(c => new string(c)));
        })];

    /// <summary>The stored form of what a user typed: dashes and spaces dropped, case ignored; null when it cannot be a code.</summary>
    public static string? Hash(string typed)
    {
        var normalized = new string([.. typed.Where(c => c is not ('-' or ' ')).Select(char.ToUpperInvariant)]);
        if (normalized.Length != 16 || !normalized.All(c => Alphabet.Contains(c, StringComparison.Ordinal))) return null;
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(normalized)));
    }
}
