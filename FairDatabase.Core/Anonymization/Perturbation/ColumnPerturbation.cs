using System.Globalization;

namespace FairDatabase.Core.Anonymization.Perturbation;

/// <summary>
/// Local differential privacy for one column (rule in the README, "local
/// differential privacy"): numerical cells get Laplace(0, scale) noise, categorical cells are
/// kept with probability p and otherwise redrawn uniformly from the column's categories. Every
/// cell's draws depend only on the secret, the column's name and the cell's row, so the same
/// rows come out the same whether the column is perturbed whole or a block of rows at a time.
/// Missing cells, and cells of a numerical column that are not numbers, stay as they are.
/// </summary>
public sealed class ColumnPerturbation
{
    private readonly byte[] _secret;
    private readonly double _scale;
    private readonly double _keep;
    private readonly IReadOnlyList<string> _categories;

    private ColumnPerturbation(byte[] secret, string column, bool numerical, double scale, double keep, IReadOnlyList<string> categories)
    {
        _secret = secret;
        Column = column;
        IsNumerical = numerical;
        _scale = scale;
        _keep = keep;
        _categories = categories;
    }

    public string Column { get; }

    public bool IsNumerical { get; }

    public static ColumnPerturbation Numerical(byte[] secret, string column, double scale) => new(secret, column, true, scale, 0, []);

    public static ColumnPerturbation Categorical(byte[] secret, string column, double keepProbability, IReadOnlyList<string> categories) =>
        new(secret, column, false, 0, keepProbability, categories);

    /// <summary>Perturbs <paramref name="values"/> (rows firstRow …) in place; returns the cells noised or redrawn.</summary>
    public int Apply(string[] values, long firstRow)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length == 0 || (IsNumerical && _scale == 0.0) || (!IsNumerical && _categories.Count == 0)) return 0;
        var draws = new ulong[values.Length * 2];
        using (var random = new CellRandom(_secret, Column)) random.Fill(firstRow, values.Length, draws);
        var changed = 0;
        for (var r = 0; r < values.Length; r++)
        {
            var value = values[r];
            if (AnonColumn.IsMissing(value)) continue;
            if (IsNumerical)
            {
                if (!TryParseNumber(value, out var number)) continue;
                values[r] = (number + Laplace(draws[2 * r], draws[2 * r + 1])).ToString(CultureInfo.InvariantCulture);
                changed++;
            }
            else if (CellRandom.Unit(draws[2 * r]) >= _keep)
            {
                values[r] = _categories[(int)(draws[2 * r + 1] % (ulong)_categories.Count)];
                changed++;
            }
        }
        return changed;
    }

    // Counts tables are mostly small whole numbers: digits alone are read by hand, anything else as the engine reads numbers.
    private static bool TryParseNumber(string value, out double number)
    {
        if (value.Length is > 0 and <= 15)
        {
            long whole = 0;
            foreach (var c in value)
            {
                var d = c - '0';
                if ((uint)d > 9) return AnonColumn.TryParseNumber(value, out number);
                whole = whole * 10 + d;
            }
            number = whole;
            return true;
        }
        return AnonColumn.TryParseNumber(value, out number);
    }

    /// <summary>A Laplace(0, scale) draw by inverting the CDF: −b·sign(u)·ln(1 − 2|u|), u uniform on (−½, ½).</summary>
    private double Laplace(ulong bits, ulong spare)
    {
        var u = CellRandom.Unit(bits) - 0.5;
        if (u == -0.5) u = CellRandom.Unit(spare) - 0.5; // ln(0) would be −∞
        if (u == -0.5) u = 0.0;
        return -_scale * Math.Sign(u) * Math.Log(1.0 - 2.0 * Math.Abs(u));
    }
}
