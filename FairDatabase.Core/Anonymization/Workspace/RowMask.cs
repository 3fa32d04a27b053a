using System.Numerics;

namespace FairDatabase.Core.Anonymization.Workspace;

/// <summary>
/// Which source rows the working copy keeps (privacy processing removes rows): one bit per
/// source row, stored as bytes with the workspace. 100,000 rows take 12.5 kB.
/// </summary>
public sealed class RowMask
{
    private readonly ulong[] _bits;

    private RowMask(ulong[] bits, int length)
    {
        _bits = bits;
        Length = length;
        Count = bits.Sum(b => BitOperations.PopCount(b));
    }

    /// <summary>Source rows covered.</summary>
    public int Length { get; }

    /// <summary>Rows kept.</summary>
    public int Count { get; }

    public bool this[int row] => (_bits[row >> 6] & (1UL << (row & 63))) != 0;

    public static RowMask All(int length)
    {
        var bits = new ulong[(length + 63) / 64];
        for (var r = 0; r < length; r++) bits[r >> 6] |= 1UL << (r & 63);
        return new RowMask(bits, length);
    }

    /// <summary>A mask that keeps only those of this mask's rows whose flag is set; flags are per kept row, in order.</summary>
    public RowMask Narrow(ReadOnlySpan<bool> keepOfKept)
    {
        if (keepOfKept.Length != Count) throw new ArgumentException($"Expected {Count} flags, got {keepOfKept.Length}.", nameof(keepOfKept));
        var bits = new ulong[_bits.Length];
        var k = 0;
        for (var r = 0; r < Length; r++)
            if (this[r] && keepOfKept[k++]) bits[r >> 6] |= 1UL << (r & 63);
        return new RowMask(bits, Length);
    }

    /// <summary>The flags as a per-row span (for AnonTable.KeepRows).</summary>
    public bool[] ToFlags()
    {
        var flags = new bool[Length];
        for (var r = 0; r < Length; r++) flags[r] = this[r];
        return flags;
    }

    public byte[] ToBytes()
    {
        var bytes = new byte[4 + _bits.Length * 8];
        BitConverter.TryWriteBytes(bytes, Length);
        Buffer.BlockCopy(_bits, 0, bytes, 4, _bits.Length * 8);
        return bytes;
    }

    public static RowMask FromBytes(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        var length = BitConverter.ToInt32(bytes, 0);
        var bits = new ulong[(length + 63) / 64];
        Buffer.BlockCopy(bytes, 4, bits, 0, bits.Length * 8);
        return new RowMask(bits, length);
    }
}
