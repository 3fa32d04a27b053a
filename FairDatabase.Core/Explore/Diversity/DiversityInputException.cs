namespace FairDatabase.Core.Explore.Diversity;

/// <summary>A diversity request that cannot be answered as asked; the message names the problem (answered 400).</summary>
public sealed class DiversityInputException(string message) : Exception(message);
