using System.Globalization;
using FairDatabase.Core.Anonymization;

namespace FairDatabase.Web.Models;

/// <summary>Reads the numbers of the privacy forms (invariant culture); a bad entry is a validation message naming the field.</summary>
public static class FormNumbers
{
    public static PrivacyThresholds Thresholds(ThresholdFields f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return new PrivacyThresholds(
            WholeNumber(f.KMin, "k_min", 1) ?? 1,
            Number(f.LMin, "l_min", 0.0),
            Number(f.TMax, "t_max", 0.5));
    }

    public static DifferentialPrivacyRequest DifferentialPrivacy(ColumnChoices choices, DifferentialPrivacyFields f)
    {
        ArgumentNullException.ThrowIfNull(choices);
        ArgumentNullException.ThrowIfNull(f);
        return new DifferentialPrivacyRequest(choices.QuasiIdentifiers, choices.SensitiveAttributes, f.Categorical, f.Numerical,
            Number(f.Epsilon, "epsilon", LocalDifferentialPrivacy.DefaultEpsilon),
            Number(f.KeepProbability, "keep_probability", LocalDifferentialPrivacy.DefaultKeepProbability),
            WholeNumber(f.Seed, "seed", null));
    }

    /// <summary>Blank means the default.</summary>
    public static int? WholeNumber(string? text, string field, int? fallback) =>
        string.IsNullOrWhiteSpace(text) ? fallback
        : int.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v
        : throw new AnonymizationValidationException($"{field} must be a whole number (got '{text.Trim()}').");

    public static double Number(string? text, string field, double fallback) =>
        string.IsNullOrWhiteSpace(text) ? fallback
        : double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) ? v
        : throw new AnonymizationValidationException($"{field} must be a number such as 0.5 (got '{text.Trim()}').");
}
