using MudBlazor;

namespace Frontline.Components.Layout;

public static class FrontlineTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1f4e79",
            Secondary = "#c2410c",
            AppbarBackground = "#1f4e79",
        },
    };
}
