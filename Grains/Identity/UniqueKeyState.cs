namespace Dailyfeed.Grains.Identity;

public sealed class UniqueKeyState
{
    public long? OwnerId { get; set; }
}
