using System.Security.Cryptography;

namespace FairDatabase.Core.Auth;

/// <summary>Opaque refresh tokens: 256 random bits handed out once, only their SHA-256 stored.</summary>
internal static class RefreshTokens
{
    public static string New() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))
        .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Hash(string token) =>
        Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token)));
}
