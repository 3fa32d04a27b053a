using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FairDatabase.Core.Configuration;

/// <summary>
/// Binds an options class to its section and checks it at start-up. Validators name the failing
/// setting as "Section:Key" and its environment form "Section__Key", so a misconfigured
/// deployment stops with a message an operator can act on.
/// </summary>
public static class OptionsRegistration
{
    public static OptionsBuilder<T> AddValidatedOptions<T>(this IServiceCollection services, IConfiguration configuration, string section,
        Func<T, IEnumerable<string>> validate)
        where T : class
    {
        services.AddSingleton<IValidateOptions<T>>(new SectionValidator<T>(section, validate));
        return services.AddOptions<T>().Bind(configuration.GetSection(section)).ValidateOnStart();
    }

    /// <summary>"Section:Key (environment variable Section__Key) {problem}".</summary>
    public static string Setting(string section, string key, string problem) =>
        $"{section}:{key} (environment variable {section}__{key}) {problem}";

    private sealed class SectionValidator<T>(string section, Func<T, IEnumerable<string>> validate) : IValidateOptions<T>
        where T : class
    {
        public ValidateOptionsResult Validate(string? name, T options)
        {
            var failures = validate(options).ToList();
            return failures.Count == 0
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail(failures.Select(f => f.StartsWith(section + ":", StringComparison.Ordinal) ? f : $"{section}: {f}"));
        }
    }
}
