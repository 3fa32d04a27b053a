using System.Text;
using FairDatabase.Core.Datasets;

namespace FairDatabase.Tests.Datasets;

public sealed class MissingValuesTests
{
    [Theory]
    [InlineData("", true)]
    [InlineData("NA", true)]
    [InlineData("na", true)]
    [InlineData("N/A", true)]
    [InlineData("n/a", true)]
    [InlineData("NaN", true)]
    [InlineData("nan", true)]
    [InlineData("null", true)]
    [InlineData("NULL", true)]
    [InlineData("0", false)]
    [InlineData("NAN ", false)]
    [InlineData("N", false)]
    [InlineData("none", false)]
    [InlineData("nulls", false)]
    [InlineData("N-A", false)]
    public void Strings_and_their_UTF8_bytes_agree_on_what_is_missing(string value, bool missing)
    {
        Assert.Equal(missing, MissingValues.IsMissing(value));
        Assert.Equal(missing, MissingValues.IsMissing(Encoding.UTF8.GetBytes(value)));
    }

    [Fact]
    public void Null_is_missing() => Assert.True(MissingValues.IsMissing((string?)null));
}
