using FairDatabase.Core.Datasets.Browse;
using FairDatabase.Core.Explore;

namespace FairDatabase.Web.Models;

/// <summary>The dataset page: its summary and one filtered page of its column statistics.</summary>
public sealed record DatasetExploreViewModel(DatasetSummary Dataset, IReadOnlyList<ColumnStatistics> Columns, int TotalColumns,
    int MatchingColumns, string? Filter, int Page, int PageCount, int NumericColumns);

/// <summary>The diversity page: the form's choices and the JSON address the page's script draws from.</summary>
public sealed record DiversityViewModel(DatasetSummary Dataset, IReadOnlyList<ColumnStatistics> NumericColumns,
    IReadOnlyList<ColumnStatistics> GroupColumns, string Metric, string Pseudocount, IReadOnlyList<string> Exclude, string? Group, string JsonUrl);
