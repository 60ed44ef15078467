namespace Dlm.Sampling.Calibration;

/// <summary>What a calibration scores at each masked position i of a held-out x, given the revealed x_S.</summary>
public enum ProfileEstimator
{
    /// <summary>
    /// The predictive entropy H(p̂(· | x_S)). Its mean is Δ(m) for a calibrated predictor, whatever the data.
    /// </summary>
    Entropy,

    /// <summary>
    /// The cross-entropy −ln p̂(x_i | x_S). Its mean Δ_CE(m) is the teacher-forced NLL of revealing one token after m,
    /// predictor error included, so Σ_m Δ_CE(m) is the any-order NLL and s·Δ_CE(m) prices a block on real data.
    /// </summary>
    CrossEntropy,
}
