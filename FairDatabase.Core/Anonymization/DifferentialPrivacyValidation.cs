using System.Globalization;

namespace FairDatabase.Core.Anonymization;

/// <summary>Checks a <see cref="DifferentialPrivacyRequest"/> against the table.</summary>
internal static class DifferentialPrivacyValidation
{
    public static void Validate(AnonTable table, DifferentialPrivacyRequest request)
    {
        ArgumentNullException.ThrowIfNull(table);
        Validate(table.ColumnNames, request, everyColumnDeclared: true);
    }

    /// <summary>The same checks against column names; undeclared columns are refused only when <paramref name="everyColumnDeclared"/>.</summary>
    public static void Validate(IReadOnlyList<string> columnNames, DifferentialPrivacyRequest request, bool everyColumnDeclared)
    {
        ArgumentNullException.ThrowIfNull(columnNames);
        ArgumentNullException.ThrowIfNull(request);
        var known = new HashSet<string>(columnNames, StringComparer.Ordinal);
        Func<string, bool> has = known.Contains;
        if (!(request.Epsilon > 0.0 && double.IsFinite(request.Epsilon)))
            throw new AnonymizationValidationException($"Epsilon must be a finite number greater than 0 (got {request.Epsilon.ToString(CultureInfo.InvariantCulture)}).");
        if (!(request.KeepProbability >= 0.0 && request.KeepProbability <= 1.0))
            throw new AnonymizationValidationException($"The keep probability p must be between 0 and 1 (got {request.KeepProbability.ToString(CultureInfo.InvariantCulture)}).");

        AnonymizationValidation.EnsureKnownAndDistinct(has, request.QuasiIdentifiers, request.SensitiveAttributes);
        AnonymizationValidation.EnsureKnown(has, request.CategoricalColumns, "categorical column");
        AnonymizationValidation.EnsureKnown(has, request.NumericalColumns, "numerical column");
        AnonymizationValidation.EnsureNoRepeats(request.CategoricalColumns, "categorical column");
        AnonymizationValidation.EnsureNoRepeats(request.NumericalColumns, "numerical column");

        var both = request.CategoricalColumns.Intersect(request.NumericalColumns, StringComparer.Ordinal).ToArray();
        if (both.Length > 0)
            throw new AnonymizationValidationException(
                $"A column cannot be both categorical and numerical: {AnonymizationValidation.Quote(both)}.", both);

        var roles = new HashSet<string>(request.QuasiIdentifiers.Concat(request.SensitiveAttributes), StringComparer.Ordinal);
        var declaredWithRole = request.CategoricalColumns.Concat(request.NumericalColumns).Where(roles.Contains).ToArray();
        if (declaredWithRole.Length > 0)
            throw new AnonymizationValidationException(
                "Quasi-identifiers and sensitive attributes stay as they are and cannot be declared categorical or numerical: "
                + $"{AnonymizationValidation.Quote(declaredWithRole)}.", declaredWithRole);

        if (!everyColumnDeclared) return;
        var declared = new HashSet<string>(request.CategoricalColumns.Concat(request.NumericalColumns), StringComparer.Ordinal);
        var undeclared = columnNames.Where(name => !roles.Contains(name) && !declared.Contains(name)).ToArray();
        if (undeclared.Length > 0)
            throw new AnonymizationValidationException(
                "Declare every column that is neither a quasi-identifier nor a sensitive attribute as categorical or numerical; "
                + $"not declared: {AnonymizationValidation.Quote(undeclared)}.", undeclared);
    }
}
