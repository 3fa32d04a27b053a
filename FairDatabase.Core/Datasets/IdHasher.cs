using System.Security.Cryptography;
using System.Text;

namespace FairDatabase.Core.Datasets;

/// <summary>
/// The stored form of a patient/sample id: SHA-256 of its UTF-8 bytes (FAIRDatabase behaviour)
/// or, with a deployment secret, HMAC-SHA256 — unkeyed hashes of predictable ids can be
/// reversed by hashing every candidate. Lower-case hex either way.
/// </summary>
public sealed class IdHasher
{
    public const int HexLength = 64;
    private static ReadOnlySpan<byte> HexDigits => "0123456789abcdef"u8;
    private readonly byte[]? _key;

    public IdHasher(string? key) => _key = string.IsNullOrEmpty(key) ? null : Encoding.UTF8.GetBytes(key);

    /// <summary>"sha256" or "hmac-sha256", as recorded in fairdb.datasets.id_hash.</summary>
    public string Algorithm => _key is null ? "sha256" : "hmac-sha256";

    /// <summary>Writes the 64 hex digits of the hash of <paramref name="id"/> into <paramref name="destination"/>.</summary>
    public void WriteHex(ReadOnlySpan<byte> id, Span<byte> destination)
    {
        Span<byte> hash = stackalloc byte[32];
        if (_key is null) SHA256.HashData(id, hash);
        else HMACSHA256.HashData(_key, id, hash);
        for (var i = 0; i < hash.Length; i++)
        {
            destination[2 * i] = HexDigits[hash[i] >> 4];
            destination[(2 * i) + 1] = HexDigits[hash[i] & 0xF];
        }
    }

    public string Hex(string id)
    {
        Span<byte> hex = stackalloc byte[HexLength];
        WriteHex(Encoding.UTF8.GetBytes(id), hex);
        return Encoding.ASCII.GetString(hex);
    }
}
