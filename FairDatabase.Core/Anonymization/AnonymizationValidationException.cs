namespace FairDatabase.Core.Anonymization;

/// <summary>
/// Parameters of an anonymization step are invalid (unknown columns, overlapping lists, values out
/// of range). The message is written for the researcher who filled in the form.
/// </summary>
public class AnonymizationValidationException : Exception
{
    public AnonymizationValidationException()
    {
    }

    public AnonymizationValidationException(string message)
        : base(message)
    {
    }

    public AnonymizationValidationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public AnonymizationValidationException(string message, IReadOnlyList<string> columns)
        : base(message)
    {
        Columns = columns;
    }

    /// <summary>The offending columns, when the problem is about columns (empty otherwise).</summary>
    public IReadOnlyList<string> Columns { get; } = [];
}
