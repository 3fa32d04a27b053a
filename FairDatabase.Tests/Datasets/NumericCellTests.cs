using System.Globalization;
using System.Text;
using FairDatabase.Core.Datasets;

namespace FairDatabase.Tests.Datasets;

/// <summary>The fast number reading gives exactly what double.TryParse gives, for every kind of cell.</summary>
public sealed class NumericCellTests
{
    private static (bool Ok, double Value) Reference(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) ? (true, v) : (false, 0);

    [Theory]
    [InlineData("0")]
    [InlineData("-0")]
    [InlineData("+7")]
    [InlineData("007")]
    [InlineData("12.5")]
    [InlineData("-0.1")]
    [InlineData(".5")]
    [InlineData("5.")]
    [InlineData("123456789012345")]
    [InlineData("1234567890123456")]
    [InlineData("9007199254740993")]
    [InlineData("0.30000000000000004")]
    [InlineData("1e3")]
    [InlineData("2.5E-3")]
    [InlineData(" 42 ")]
    [InlineData("1e400")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData(".")]
    [InlineData("-")]
    [InlineData("")]
    [InlineData("1.2.3")]
    [InlineData("1,5")]
    [InlineData("5'11\"")]
    [InlineData("12abc")]
    public void Reads_a_cell_like_double_TryParse(string text)
    {
        var ok = NumericCell.TryParse(Encoding.UTF8.GetBytes(text), out var value);
        var (expectedOk, expected) = Reference(text);

        Assert.Equal(expectedOk, ok);
        if (ok) Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(value)); // −0 stays −0
    }

    [Fact]
    public void Random_decimals_read_to_the_same_bits_as_double_TryParse()
    {
        var random = new Random(11);
        for (var n = 0; n < 200_000; n++)
        {
            var digits = random.Next(1, 18);
            var text = new StringBuilder(random.Next(4) == 0 ? "-" : "");
            var point = random.Next(3) == 0 ? -1 : random.Next(digits + 1);
            for (var d = 0; d < digits; d++)
            {
                if (d == point) text.Append('.');
                text.Append((char)('0' + random.Next(10)));
            }
            var s = text.ToString();
            var ok = NumericCell.TryParse(Encoding.ASCII.GetBytes(s), out var value);
            var (expectedOk, expected) = Reference(s);
            Assert.True(ok == expectedOk && (!ok || value.Equals(expected)), $"'{s}': {value:R}, expected {expected:R}");
        }
    }
}
