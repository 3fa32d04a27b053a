namespace FairDatabase.Core.Releases;

/// <summary>A release request that cannot be honoured; <see cref="Field"/> names the form field at fault.</summary>
public sealed class ReleaseValidationException : Exception
{
    public ReleaseValidationException(string field, string message) : base(message) => Field = field;

    public ReleaseValidationException() : this("", "The release request is not valid.") { }

    public ReleaseValidationException(string message) : this("", message) { }

    public ReleaseValidationException(string message, Exception inner) : base(message, inner) => Field = "";

    public string Field { get; }
}
