namespace Dlm.Sampling.Sampler;

/// <summary>Which masked positions a step reveals.</summary>
public enum PositionRule
{
    /// <summary>A uniformly random subset of the masked positions (the theory's rule).</summary>
    Random,

    /// <summary>Highest max-probability first (LLaDA's low-confidence remasking).</summary>
    Confidence,

    /// <summary>Largest margin between the top two probabilities first.</summary>
    Margin,

    /// <summary>Lowest predictive entropy first.</summary>
    Entropy,

    /// <summary>The lowest-index masked positions first: at K = L with one a step, an autoregressive model's order.
    /// </summary>
    LeftToRight,
}

/// <summary>Names and applies position rules.</summary>
public static class PositionRules
{
    /// <summary>The rule's name in reports: random, confidence, margin, entropy or left-to-right.</summary>
    public static string Name(this PositionRule rule) =>
        rule == PositionRule.LeftToRight ? "left-to-right" : rule.ToString().ToLowerInvariant();

    /// <summary>
    /// Whether the rule ranks positions by their predicted laws (else it chooses before any prediction).
    /// </summary>
    public static bool ReadsLaws(this PositionRule rule) =>
        rule is not (PositionRule.Random or PositionRule.LeftToRight);

    /// <summary>
    /// The score by which a heuristic rule ranks a masked position (higher is revealed first); ties go to the
    /// lower index, so the choice is a deterministic function of the predictions.
    /// </summary>
    public static double Score(PositionRule rule, ReadOnlySpan<double> law)
    {
        switch (rule)
        {
            case PositionRule.Confidence:
                var top = 0.0;
                foreach (var p in law)
                    top = Math.Max(top, p);
                return top;
            case PositionRule.Margin:
                double first = 0,
                    second = 0;
                foreach (var p in law)
                    if (p > first)
                        (first, second) = (p, first);
                    else if (p > second)
                        second = p;
                return first - second;
            case PositionRule.Entropy:
                var h = 0.0;
                foreach (var p in law)
                    if (p > 0)
                        h -= p * Math.Log(p);
                return -h;
            default:
                throw new ArgumentException($"the {rule.Name()} rule has no score.", nameof(rule));
        }
    }

    /// <summary>
    /// Writes into <paramref name="chosen"/> the <paramref name="count"/> positions to reveal among
    /// <paramref name="masked"/>, given the predictions for the whole sequence (L × q).
    /// </summary>
    public static void Choose(
        PositionRule rule,
        List<int> masked,
        int count,
        ReadOnlySpan<double> predictions,
        int alphabet,
        Random rng,
        List<int> chosen
    )
    {
        chosen.Clear();
        if (rule == PositionRule.Random)
        {
            // Partial Fisher–Yates: the first `count` entries become a uniform random subset.
            for (var i = 0; i < count; i++)
            {
                var j = i + rng.Next(masked.Count - i);
                (masked[i], masked[j]) = (masked[j], masked[i]);
                chosen.Add(masked[i]);
            }
            return;
        }
        if (rule == PositionRule.LeftToRight)
        {
            // The masked list is in increasing order.
            for (var i = 0; i < count; i++)
                chosen.Add(masked[i]);
            return;
        }
        var scores = Rank(rule, masked, predictions, alphabet);
        for (var i = 0; i < count; i++)
            chosen.Add(scores[i].Position);
    }

    /// <summary>
    /// The masked positions with their scores under a heuristic rule, best first (ties to the lower index).
    /// </summary>
    public static (double Score, int Position)[] Rank(
        PositionRule rule,
        IReadOnlyList<int> masked,
        ReadOnlySpan<double> predictions,
        int alphabet
    )
    {
        var scores = new (double Score, int Position)[masked.Count];
        for (var i = 0; i < masked.Count; i++)
            scores[i] = (Score(rule, predictions.Slice(masked[i] * alphabet, alphabet)), masked[i]);
        Array.Sort(
            scores,
            (a, b) => a.Score != b.Score ? b.Score.CompareTo(a.Score) : a.Position.CompareTo(b.Position)
        );
        return scores;
    }
}
