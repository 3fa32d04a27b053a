using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace FairDatabase.Core.Anonymization.Perturbation;

/// <summary>
/// Random draws addressed by (column, row): AES-128 over the row number, with a key derived from
/// the secret and the column's name (HMAC-SHA256). Any row of any column can be replayed alone
/// and in any order — what lazy perturbation of a working copy needs — and without the secret
/// the draws cannot be predicted, as local DP requires of its randomness.
/// </summary>
public sealed class CellRandom : IDisposable
{
    private readonly Aes _aes;

    public CellRandom(ReadOnlySpan<byte> secret, string column)
    {
        ArgumentNullException.ThrowIfNull(column);
        var key = HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes(column));
        _aes = Aes.Create();
        _aes.Key = key.AsSpan(0, 16).ToArray();
    }

    /// <summary>A fresh 256-bit secret from the operating system's CSPRNG.</summary>
    public static byte[] NewSecret() => RandomNumberGenerator.GetBytes(32);

    /// <summary>The secret a user-given seed stands for: the same seed always gives the same output.</summary>
    public static byte[] SecretFromSeed(long seed) =>
        SHA256.HashData(Encoding.UTF8.GetBytes("fairdatabase-local-dp-seed:" + seed.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>Two independent uniform 64-bit draws per row for rows first … first + count − 1 (output[2i], output[2i+1]).</summary>
    public void Fill(long first, int count, Span<ulong> output)
    {
        var blocks = new byte[count * 16];
        for (var i = 0; i < count; i++) BinaryPrimitives.WriteInt64LittleEndian(blocks.AsSpan(i * 16), first + i);
        _aes.EncryptEcb(blocks, blocks, PaddingMode.None);
        for (var i = 0; i < count * 2; i++) output[i] = BinaryPrimitives.ReadUInt64LittleEndian(blocks.AsSpan(i * 8));
    }

    /// <summary>A draw as a double uniform on [0, 1).</summary>
    public static double Unit(ulong bits) => (bits >> 11) * (1.0 / (1UL << 53));

    public void Dispose() => _aes.Dispose();
}
