namespace Dailyfeed.Gateway.Api.Authentication;

/// <summary>The client contract of the original system: which 401s a refresh fixes and which need a new login.</summary>
public static class AuthHeaders
{
    public const string TokenRefreshNeeded = "X-Token-Refresh-Needed";
    public const string ReloginRequired = "X-Relogin-Required";
    public const string True = "true";
}
