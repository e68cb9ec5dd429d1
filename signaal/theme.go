package signaal

import (
	"regexp"
	"strings"

	"github.com/wei-platform/wei"
)

// Theme is a kind of problem. Every wijk starts with DefaultThemes; the
// process manager or the chair may rename them, add their own and archive
// ones that do not fit (archived themes stay on old signals but are not
// offered for new ones). A default theme without a Label is shown with its
// locale text (signals.theme.<key>); a theme the wijk added has a Label.
type Theme struct {
	Key      string
	Label    string
	Archived bool
}

// DefaultThemeKeys are the themes every wijk starts with, "overig" last.
var DefaultThemeKeys = []string{"armoede", "eenzaamheid", "ontmoetingsplek", "spelen", "jongeren", "veiligheid", "groen", "afval", "wonen", "gezondheid", "energie", "overig"}

// DefaultThemes returns the default themes of a wijk.
func DefaultThemes() []Theme {
	out := make([]Theme, len(DefaultThemeKeys))
	for i, k := range DefaultThemeKeys {
		out[i] = Theme{Key: k}
	}
	return out
}

// IsDefaultTheme reports whether key is one of the default themes.
func IsDefaultTheme(key string) bool { return in(DefaultThemeKeys, key) }

var themeKeyRe = regexp.MustCompile(`^[a-z0-9]+(_[a-z0-9]+)*$`)

// ThemeKey makes a key for a new theme from its label: lower case, letters
// and digits joined by underscores ("Verkeer & parkeren" → "verkeer_parkeren").
func ThemeKey(label string) string {
	var b strings.Builder
	under := false
	for _, r := range strings.ToLower(label) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			if under && b.Len() > 0 {
				b.WriteByte('_')
			}
			under = false
			b.WriteRune(r)
		case strings.ContainsRune("àáâäã", r):
			b.WriteByte('a')
		case strings.ContainsRune("èéêë", r):
			b.WriteByte('e')
		case strings.ContainsRune("ìíîï", r):
			b.WriteByte('i')
		case strings.ContainsRune("òóôöõ", r):
			b.WriteByte('o')
		case strings.ContainsRune("ùúûü", r):
			b.WriteByte('u')
		default:
			under = true
		}
	}
	k := b.String()
	if len(k) > 40 {
		k = strings.TrimRight(k[:40], "_")
	}
	return k
}

// ValidateThemes checks a wijk's whole theme list: unique valid keys, a
// label for each theme the wijk added, and at least one active theme.
func ValidateThemes(themes []Theme) error {
	f := wei.FieldErrors{}
	seen := map[string]bool{}
	active := 0
	for i := range themes {
		t := &themes[i]
		t.Label = strings.Join(strings.Fields(t.Label), " ")
		if !themeKeyRe.MatchString(t.Key) || len(t.Key) > 40 {
			f.Add("label", "signals.error.theme_label")
			continue
		}
		if seen[t.Key] {
			f.Add("label", "signals.error.theme_duplicate")
		}
		seen[t.Key] = true
		if !IsDefaultTheme(t.Key) && t.Label == "" {
			f.Add("label", "signals.error.theme_label")
		}
		if len([]rune(t.Label)) > 60 {
			f.Add("label", "error.too_long")
		}
		if !t.Archived {
			active++
		}
	}
	if active == 0 {
		f.Add("themes", "signals.error.no_theme")
	}
	return f.Err()
}

// activeTheme reports whether key is a theme of the list that is not archived.
func activeTheme(themes []Theme, key string) bool {
	for _, t := range themes {
		if t.Key == key {
			return !t.Archived
		}
	}
	return false
}

// HasTheme reports whether key is a theme of the list (also archived ones).
func HasTheme(themes []Theme, key string) bool {
	for _, t := range themes {
		if t.Key == key {
			return true
		}
	}
	return false
}

// ErrThemeInUse is the error for leaving out a theme that is still used.
func ErrThemeInUse(key string) error {
	return &wei.Error{Code: wei.EINVALID, Message: "The theme " + key + " is used by signals or the register: archive it instead of removing it.",
		Fields: map[string]string{"themes": "signals.error.theme_in_use"}}
}
