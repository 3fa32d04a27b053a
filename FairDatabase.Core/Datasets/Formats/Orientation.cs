namespace FairDatabase.Core.Datasets.Formats;

/// <summary>The upload form's <c>orientation</c> field: which way the samples lie in the file.</summary>
public enum Orientation
{
    /// <summary>BIOM, .qza and biom-tool tables are transposed (they list features as rows); anything else is stored as it is.</summary>
    Auto,
    /// <summary>Each row is a sample: stored as in the file.</summary>
    Rows,
    /// <summary>Each column is a sample: transposed so samples become rows.</summary>
    Columns,
}

public static class Orientations
{
    /// <summary>The form value (<c>auto</c>, <c>rows</c>, <c>columns</c>, any case; empty = auto); null for an unknown one.</summary>
    public static Orientation? Parse(string? value) => (value ?? "").Trim().ToLowerInvariant() switch
    {
        "" or "auto" => Orientation.Auto,
        "rows" => Orientation.Rows,
        "columns" => Orientation.Columns,
        _ => null,
    };
}
