namespace Dailyfeed.Orleans.Hosting;

/// <summary>Where every Dailyfeed provider reads its options: sections under one root, shared by silos and clients.</summary>
public static class DailyfeedConfiguration
{
    public const string Root = "Dailyfeed";
}
