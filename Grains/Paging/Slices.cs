using Dailyfeed.Grains.Abstractions.Paging;

namespace Dailyfeed.Grains.Paging;

/// <summary>Cuts a scroll page out of an ordered sequence: one extra item is read to know whether a next page exists.</summary>
public static class Slices
{
    public static Slice<T> Of<T>(IEnumerable<T> ordered, PageRequest page)
    {
        var window = ordered.Skip(page.Page * page.Size).Take(page.Size + 1).ToList();
        return new Slice<T>(window.Take(page.Size).ToList(), page.Page, page.Size, window.Count > page.Size);
    }
}
