using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace FairDatabase.Core.ApiTokens;

/// <summary>
/// <c>fdb_</c> followed by 32 random bytes in base64url (43 characters): 256 bits, so the hash
/// needs no salt or slow function, and the prefix lets secret scanners recognise a leaked token.
/// </summary>
public static class ApiTokenFormat
{
    public const string Prefix = "fdb_";
    private const int SecretBytes = 32;
    private static readonly int EncodedLength = Base64Url.GetEncodedLength(SecretBytes);

    public static string NewToken() => Prefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(SecretBytes));

    /// <summary>The SHA-256 stored for a token; null when the text cannot be a token (checked before any database work).</summary>
    public static byte[]? HashOf(string? token)
    {
        if (token is null || token.Length != Prefix.Length + EncodedLength || !token.StartsWith(Prefix, StringComparison.Ordinal)) return null;
        if (!Base64Url.IsValid(token.AsSpan(Prefix.Length))) return null;
        return SHA256.HashData(Encoding.ASCII.GetBytes(token));
    }
}
