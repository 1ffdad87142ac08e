package common

import (
	"image/color"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/textinput"
	"charm.land/lipgloss/v2"
)

// palette is the handful of colours every style is built from, chosen
// per terminal background so both light and dark terminals stay readable.
type palette struct {
	fg, muted, subtle   color.Color
	accent, accentSoft  color.Color
	cursorFg, cursorBg  color.Color
	blurBg              color.Color
	dir, link, mark     color.Color
	errorFg, warn, good color.Color
	barFg, barBg        color.Color
}

func darkPalette() palette {
	c := lipgloss.Color
	return palette{
		fg: c("#D7D7D7"), muted: c("#8A8A8A"), subtle: c("#4E4E4E"),
		accent: c("#5FAFFF"), accentSoft: c("#3A6F9F"),
		cursorFg: c("#FFFFFF"), cursorBg: c("#2F5F8F"), blurBg: c("#3A3A3A"),
		dir: c("#6CB6FF"), link: c("#56C2C2"), mark: c("#E5C07B"),
		errorFg: c("#FF6B6B"), warn: c("#E5C07B"), good: c("#8CD17D"),
		barFg: c("#D0D0D0"), barBg: c("#303030"),
	}
}

func lightPalette() palette {
	c := lipgloss.Color
	return palette{
		fg: c("#1F1F1F"), muted: c("#6E6E6E"), subtle: c("#B8B8B8"),
		accent: c("#0A5FB4"), accentSoft: c("#7FA8D6"),
		cursorFg: c("#000000"), cursorBg: c("#B9D4F5"), blurBg: c("#E2E2E2"),
		dir: c("#0550AE"), link: c("#1B6F76"), mark: c("#8A5A00"),
		errorFg: c("#C4211F"), warn: c("#8A5A00"), good: c("#1A7F37"),
		barFg: c("#262626"), barBg: c("#E4E4E4"),
	}
}

// Styles is every lipgloss style the TUI uses; this is the only place
// colours are chosen.
type Styles struct {
	Dark bool
	// NoColor is set for terminals that show no colour (NO_COLOR, or a
	// profile without colours): there, what colour alone set apart —
	// the cursor row, the active button — is set apart otherwise.
	NoColor bool

	// PaneFrame/PaneFrameFocused colour the pane's box (see Box).
	PaneFrame        lipgloss.Style
	PaneFrameFocused lipgloss.Style
	Location         lipgloss.Style
	LocationFocused  lipgloss.Style
	ColumnHeader     lipgloss.Style
	Loading          lipgloss.Style

	File, Dir, Link lipgloss.Style
	Deleted         lipgloss.Style // an object deleted in a versioned bucket
	Marked          lipgloss.Style
	Meta            lipgloss.Style // size and time columns
	// The compare view's column: same, different, only in this pane.
	CompareSame, CompareDiffers, CompareOnly lipgloss.Style
	Cursor                                   lipgloss.Style // cursor row in the focused pane
	CursorBlurred                            lipgloss.Style // cursor row in the other pane
	Empty                                    lipgloss.Style
	Error                                    lipgloss.Style
	Hint                                     lipgloss.Style

	FilterPrompt lipgloss.Style
	FilterText   lipgloss.Style
	// Input styles text fields; its cursor does not blink (a blinking
	// cursor would need a timer per field for no gain).
	Input textinput.Styles

	StatusBar                          lipgloss.Style
	StatusInfo, StatusGood, StatusWarn lipgloss.Style
	StatusError, StatusSlot            lipgloss.Style

	Dialog       lipgloss.Style
	DialogTitle  lipgloss.Style
	DialogLabel  lipgloss.Style
	DialogValue  lipgloss.Style
	DialogWarn   lipgloss.Style // cautions inside a dialog (e.g. a link cut short)
	Button       lipgloss.Style
	ButtonActive lipgloss.Style

	Help     help.Styles
	TooSmall lipgloss.Style
}

// DefaultStyles builds the styles for a dark or light terminal background.
func DefaultStyles(dark bool) *Styles {
	p := lightPalette()
	if dark {
		p = darkPalette()
	}
	s := &Styles{Dark: dark}
	s.pane(p)
	s.rows(p)
	s.bars(p)
	s.dialogs(p)
	return s
}

func (s *Styles) pane(p palette) {
	s.PaneFrame = lipgloss.NewStyle().Foreground(p.subtle)
	s.PaneFrameFocused = lipgloss.NewStyle().Foreground(p.accent)
	s.Location = lipgloss.NewStyle().Foreground(p.muted)
	s.LocationFocused = lipgloss.NewStyle().Foreground(p.accent).Bold(true)
	s.ColumnHeader = lipgloss.NewStyle().Foreground(p.muted).Underline(true)
	s.Loading = lipgloss.NewStyle().Foreground(p.warn)
}

func (s *Styles) rows(p palette) {
	s.File = lipgloss.NewStyle().Foreground(p.fg)
	s.Dir = lipgloss.NewStyle().Foreground(p.dir).Bold(true)
	s.Link = lipgloss.NewStyle().Foreground(p.link)
	s.Deleted = lipgloss.NewStyle().Foreground(p.muted).Strikethrough(true)
	s.Marked = lipgloss.NewStyle().Foreground(p.mark).Bold(true)
	s.Meta = lipgloss.NewStyle().Foreground(p.muted)
	s.CompareSame = lipgloss.NewStyle().Foreground(p.muted)
	s.CompareDiffers = lipgloss.NewStyle().Foreground(p.warn).Bold(true)
	s.CompareOnly = lipgloss.NewStyle().Foreground(p.good).Bold(true)
	s.Cursor = lipgloss.NewStyle().Foreground(p.cursorFg).Background(p.cursorBg).Bold(true)
	s.CursorBlurred = lipgloss.NewStyle().Foreground(p.fg).Background(p.blurBg)
	s.Empty = lipgloss.NewStyle().Foreground(p.muted).Italic(true)
	s.Error = lipgloss.NewStyle().Foreground(p.errorFg).Bold(true)
	s.Hint = lipgloss.NewStyle().Foreground(p.muted)
	s.FilterPrompt = lipgloss.NewStyle().Foreground(p.accent).Bold(true)
	s.FilterText = lipgloss.NewStyle().Foreground(p.fg)
	s.Input = textinput.DefaultStyles(s.Dark)
	s.Input.Focused.Prompt = s.FilterPrompt
	s.Input.Blurred.Prompt = s.FilterPrompt
	s.Input.Focused.Text = s.FilterText
	s.Input.Cursor.Color = p.accent
	s.Input.Cursor.Blink = false
}

func (s *Styles) bars(p palette) {
	s.StatusBar = lipgloss.NewStyle().Foreground(p.barFg).Background(p.barBg)
	s.StatusInfo = s.StatusBar.Foreground(p.accent)
	s.StatusGood = s.StatusBar.Foreground(p.good)
	s.StatusWarn = s.StatusBar.Foreground(p.warn).Bold(true)
	s.StatusError = s.StatusBar.Foreground(p.errorFg).Bold(true)
	s.StatusSlot = s.StatusBar.Foreground(p.muted)
	s.Help = help.DefaultStyles(s.Dark)
	s.TooSmall = lipgloss.NewStyle().Foreground(p.warn).Bold(true)
}

func (s *Styles) dialogs(p palette) {
	s.Dialog = lipgloss.NewStyle().Border(lipgloss.RoundedBorder()).BorderForeground(p.accent).Padding(0, 1)
	s.DialogTitle = lipgloss.NewStyle().Foreground(p.accent).Bold(true)
	s.DialogLabel = lipgloss.NewStyle().Foreground(p.muted)
	s.DialogValue = lipgloss.NewStyle().Foreground(p.fg)
	s.DialogWarn = lipgloss.NewStyle().Foreground(p.warn)
	s.Button = lipgloss.NewStyle().Foreground(p.fg).Background(p.blurBg).Padding(0, 2)
	s.ButtonActive = lipgloss.NewStyle().Foreground(p.cursorFg).Background(p.cursorBg).Bold(true).Padding(0, 2)
}

// WithoutColor adapts s for a terminal that shows no colour, where only
// attributes remain: the cursor row and the active button are drawn in
// reverse video, the cursor row of the other pane underlined (the pane
// adds a › marker too), and the focused pane's frame bold.
func (s *Styles) WithoutColor() *Styles {
	s.NoColor = true
	s.Cursor = lipgloss.NewStyle().Reverse(true).Bold(true)
	s.CursorBlurred = lipgloss.NewStyle().Underline(true)
	s.ButtonActive = s.ButtonActive.Reverse(true)
	s.PaneFrameFocused = s.PaneFrameFocused.Bold(true)
	return s
}

// LevelStyle is the status bar style for a message level.
func (s *Styles) LevelStyle(l Level) lipgloss.Style {
	switch l {
	case LevelSuccess:
		return s.StatusGood
	case LevelWarn:
		return s.StatusWarn
	case LevelError:
		return s.StatusError
	}
	return s.StatusInfo
}
