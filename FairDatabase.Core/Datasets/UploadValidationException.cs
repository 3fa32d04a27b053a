namespace FairDatabase.Core.Datasets;

/// <summary>Why an upload was refused.</summary>
public enum UploadProblem
{
    NotCsv,
    Empty,
    HeaderOnly,
    TooFewColumns,
    TooManyColumns,
    TooLarge,
    RaggedRows,
    MalformedQuoting,
    NotUtf8,
    NulCharacter,
    EmptyIds,
    /// <summary>A byte the chosen encoding cannot decode.</summary>
    Undecodable,
    /// <summary>An unknown value of a form field (encoding, orientation).</summary>
    BadOption,
    /// <summary>A .biom file that is neither BIOM 1.0 JSON nor BIOM 2.1 HDF5, or is inconsistent.</summary>
    BadBiom,
    /// <summary>A .qza artifact that is not a feature table, or not a QIIME 2 artifact at all.</summary>
    WrongArtifact,
    /// <summary>A table too large to transpose in memory.</summary>
    TooLargeToTranspose,
    /// <summary>No sample id of a metadata file matches the dataset's.</summary>
    NoMatchingSamples,

    /// <summary>The user's storage quota (Upload:MaxBytesPerUser) has no room for the file.</summary>
    QuotaExceeded,

    /// <summary>The user already keeps Upload:MaxDatasetsPerUser datasets.</summary>
    TooManyDatasets,
}

/// <summary>
/// An upload the user must fix; <see cref="Exception.Message"/> says what and where, in words
/// fit to show them. Thrown before anything is written.
/// </summary>
public sealed class UploadValidationException : Exception
{
    public UploadValidationException(UploadProblem problem, string message, IReadOnlyList<long>? lines = null)
        : base(message)
    {
        Problem = problem;
        Lines = lines ?? [];
    }

    public UploadProblem Problem { get; }

    /// <summary>1-based line numbers of the offending lines (at most the first 20), when the problem has lines.</summary>
    public IReadOnlyList<long> Lines { get; }
}
