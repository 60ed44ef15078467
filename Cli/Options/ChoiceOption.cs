using System.CommandLine;
using System.CommandLine.Completions;
using System.CommandLine.Parsing;

namespace Dlm.Cli.Options;

/// <summary>
/// An option whose value is one member of an enum, typed by its name: the kebab-case of the member
/// (<c>CrossEntropy</c> → <c>cross-entropy</c>) unless a naming is given. The choices complete in a shell and show in
/// the help, and any other value fails with a message that lists them.
/// </summary>
/// <typeparam name="T">The enum.</typeparam>
internal sealed class ChoiceOption<T>
    where T : struct, Enum
{
    private readonly (string Name, T Value)[] _choices;
    private readonly T? _fallback;

    /// <summary>
    /// The option <paramref name="name"/>; without a value it is <paramref name="fallback"/>, or null where that is
    /// null.
    /// </summary>
    public ChoiceOption(string name, string description, T? fallback = null, Func<T, string>? naming = null)
    {
        _choices = [.. Enum.GetValues<T>().Select(v => ((naming ?? Kebab)(v), v))];
        _fallback = fallback;
        Option = new Option<T?>(name)
        {
            Description = fallback is { } value ? $"{description} [default: {NameOf(value)}]" : description,
            HelpName = string.Join('|', _choices.Select(c => c.Name)),
            CustomParser = Parse,
        };
        // The choices' names replace the member names that System.CommandLine completes an enum with.
        Option.CompletionSources.Clear();
        Option.CompletionSources.Add(_ => _choices.Select(c => new CompletionItem(c.Name)));
    }

    /// <summary>The option, to add to a command.</summary>
    public Option<T?> Option { get; }

    /// <summary>The value given, else the fallback.</summary>
    public T? Get(ParseResult parsed) => parsed.GetValue(Option) ?? _fallback;

    /// <summary>The value given, else the fallback, which must exist.</summary>
    public T Value(ParseResult parsed) =>
        Get(parsed) ?? throw new InvalidOperationException($"{Option.Name} has no default.");

    /// <summary>The name a value is typed as.</summary>
    public string NameOf(T value) => _choices.First(c => EqualityComparer<T>.Default.Equals(c.Value, value)).Name;

    /// <summary>The kebab-case name of a member: <c>LeftToRight</c> → <c>left-to-right</c>.</summary>
    public static string Kebab(T value) =>
        string.Concat(
            value
                .ToString()
                .Select(
                    (c, i) => char.IsUpper(c) && i > 0 ? $"-{char.ToLowerInvariant(c)}" : $"{char.ToLowerInvariant(c)}"
                )
        );

    private T? Parse(ArgumentResult result)
    {
        var token = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
        foreach (var (name, value) in _choices)
            if (name == token)
                return value;
        result.AddError($"{Option.Name} '{token}' is not one of: {string.Join(", ", _choices.Select(c => c.Name))}.");
        return null;
    }
}
