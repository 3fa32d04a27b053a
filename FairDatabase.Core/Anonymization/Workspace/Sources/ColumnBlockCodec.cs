using System.Buffers.Binary;
using System.Text;

namespace FairDatabase.Core.Anonymization.Workspace.Sources;

/// <summary>
/// One block of one column as compact bytes: its distinct values (length-prefixed UTF-8), then
/// one code per row, 1, 2 or 4 bytes wide as the number of values needs. A counts column of a
/// microbiome table takes little more than a byte per cell.
/// </summary>
public static class ColumnBlockCodec
{
    public const int BlockRows = 1024;

    public static byte[] Encode(AnonColumn column, int first, int count)
    {
        var codes = column.Codes.Slice(first, count);
        var local = new Dictionary<int, int>();
        var used = new List<int>();
        foreach (var code in codes)
            if (local.TryAdd(code, used.Count)) used.Add(code);
        var width = used.Count <= byte.MaxValue + 1 ? 1 : used.Count <= ushort.MaxValue + 1 ? 2 : 4;
        using var buffer = new MemoryStream();
        using (var w = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            w.Write7BitEncodedInt(used.Count);
            foreach (var code in used) w.Write(column.Values[code]);
            w.Write((byte)width);
            w.Write7BitEncodedInt(count);
            foreach (var code in codes)
            {
                var value = local[code];
                if (width == 1) w.Write((byte)value);
                else if (width == 2) w.Write((ushort)value);
                else w.Write(value);
            }
        }
        return buffer.ToArray();
    }

    /// <summary>Writes the block's cells into <paramref name="target"/> starting at <paramref name="offset"/>.</summary>
    public static int Decode(byte[] data, string[] target, int offset)
    {
        using var r = new BinaryReader(new MemoryStream(data), Encoding.UTF8);
        var values = new string[r.Read7BitEncodedInt()];
        for (var i = 0; i < values.Length; i++) values[i] = r.ReadString();
        var width = r.ReadByte();
        var count = r.Read7BitEncodedInt();
        var position = (int)r.BaseStream.Position;
        var codes = data.AsSpan(position);
        for (var row = 0; row < count; row++)
        {
            var code = width switch
            {
                1 => codes[row],
                2 => BinaryPrimitives.ReadUInt16LittleEndian(codes[(row * 2)..]),
                _ => BinaryPrimitives.ReadInt32LittleEndian(codes[(row * 4)..]),
            };
            target[offset + row] = values[code];
        }
        return count;
    }

    /// <summary>Decodes blocks of one column straight into codes over one value list (met in block order).</summary>
    public sealed class CodeDecoder(int rows)
    {
        private readonly int[] _codes = new int[rows];
        private readonly Dictionary<string, int> _lookup = new(StringComparer.Ordinal);
        private readonly List<string> _values = [];
        private int _filled;

        /// <summary>
        /// Decodes one block into the codes from row <paramref name="offset"/>. Read from the bytes
        /// directly: a value already met costs a lookup by its characters, not a new string.
        /// </summary>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)] // per block of every read: compiled optimized at first use
        public void Add(byte[] data, int offset)
        {
            var position = 0;
            var map = new int[Read7BitInt(data, ref position)];
            var lookup = _lookup.GetAlternateLookup<ReadOnlySpan<char>>();
            Span<char> chars = stackalloc char[256];
            for (var i = 0; i < map.Length; i++)
            {
                var length = Read7BitInt(data, ref position);
                var bytes = data.AsSpan(position, length);
                position += length;
                var text = bytes.Length <= chars.Length / 2 ? chars[..Encoding.UTF8.GetChars(bytes, chars)] : Encoding.UTF8.GetString(bytes).AsSpan();
                if (!lookup.TryGetValue(text, out var code))
                {
                    code = _values.Count;
                    var value = text.ToString();
                    _lookup.Add(value, code);
                    _values.Add(value);
                }
                map[i] = code;
            }
            var width = data[position++];
            var count = Read7BitInt(data, ref position);
            var codes = data.AsSpan(position);
            var target = _codes.AsSpan(offset, count);
            _filled += count;
            if (width == 1)
                for (var row = 0; row < count; row++) target[row] = map[codes[row]];
            else if (width == 2)
                for (var row = 0; row < count; row++) target[row] = map[BinaryPrimitives.ReadUInt16LittleEndian(codes[(row * 2)..])];
            else
                for (var row = 0; row < count; row++) target[row] = map[BinaryPrimitives.ReadInt32LittleEndian(codes[(row * 4)..])];
        }

        // The 7-bit encoded length BinaryWriter writes before strings and counts.
        private static int Read7BitInt(byte[] data, ref int position)
        {
            int value = 0, shift = 0;
            byte b;
            do
            {
                if (shift > 28) throw new InvalidDataException("A working copy block is corrupt.");
                b = data[position++];
                value |= (b & 0x7F) << shift;
                shift += 7;
            }
            while ((b & 0x80) != 0);
            return value;
        }

        /// <summary>The column; every row must have come in a block (a missing block is a broken working copy).</summary>
        public AnonColumn ToColumn(string name) => _filled == _codes.Length
            ? new(name, _codes, [.. _values])
            : throw new InvalidDataException($"The working copy's blocks of column '{name}' are incomplete.");
    }
}
