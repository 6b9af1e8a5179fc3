namespace Dailyfeed.Batch;

/// <summary>Exit codes scripts and Kubernetes Jobs can branch on.</summary>
internal static class ExitCodes
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int NothingLive = 3;
}
