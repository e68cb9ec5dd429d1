// Package locale holds the texts of the web pages in Dutch and English and
// formats dates and numbers for each language. The texts live in nl.json and
// en.json: flat JSON objects with dotted keys ("nav.home", "error.email"),
// embedded in the binary and loaded once at startup. A module may keep its
// texts in files of its own, nl.<module>.json and en.<module>.json; a key
// may be in one file of a language only.
//
// Dutch is the default language. Dutch texts are written at language level
// B1 and address the reader as "je".
package locale

import (
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"path"
	"slices"
	"strconv"
	"strings"
	"time"
	_ "time/tzdata" // Europe/Amsterdam also on hosts without a zoneinfo database
)

// Default is the language used when nothing else matches.
const Default = "nl"

//go:embed *.json
var files embed.FS

// amsterdam is the time zone every date on the pages is shown in.
var amsterdam = mustLoadLocation("Europe/Amsterdam")

func mustLoadLocation(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err) // cannot happen: time/tzdata is embedded
	}
	return loc
}

// Bundle holds the texts of every language.
type Bundle struct {
	langs map[string]*Localizer
	order []string // Default first, then the others by name
}

// Load reads the embedded language files. It fails on a file that is not a
// flat object of strings or that repeats a key.
func Load() (*Bundle, error) {
	return load(files)
}

func load(fsys fs.FS) (*Bundle, error) {
	names, err := fs.Glob(fsys, "*.json")
	if err != nil {
		return nil, fmt.Errorf("locale: list files: %w", err)
	}
	b := &Bundle{langs: map[string]*Localizer{}}
	for _, name := range names {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("locale: read %s: %w", name, err)
		}
		msgs, err := parse(data)
		if err != nil {
			return nil, fmt.Errorf("locale: parse %s: %w", name, err)
		}
		// "nl.json" and "nl.signal.json" both hold Dutch texts: a module
		// may keep its texts in a file of its own.
		lang, _, _ := strings.Cut(strings.TrimSuffix(path.Base(name), ".json"), ".")
		l, ok := b.langs[lang]
		if !ok {
			l = &Localizer{lang: lang, msgs: map[string]string{}}
			b.langs[lang] = l
			b.order = append(b.order, lang)
		}
		for k, v := range msgs {
			if _, dup := l.msgs[k]; dup {
				return nil, fmt.Errorf("locale: %s: key %q is also in another %s file", name, k, lang)
			}
			l.msgs[k] = v
		}
	}
	if _, ok := b.langs[Default]; !ok {
		return nil, fmt.Errorf("locale: no %s.json", Default)
	}
	slices.SortFunc(b.order, func(x, y string) int {
		if x == Default {
			return -1
		} else if y == Default {
			return 1
		}
		return strings.Compare(x, y)
	})
	return b, nil
}

// parse decodes a flat JSON object of strings, refusing repeated keys, which
// encoding/json would silently let the last one win.
func parse(data []byte) (map[string]string, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	if tok, err := dec.Token(); err != nil {
		return nil, err
	} else if tok != json.Delim('{') {
		return nil, fmt.Errorf("want a JSON object")
	}
	msgs := map[string]string{}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, err
		}
		key := tok.(string) // object keys are always strings
		var val string
		if err := dec.Decode(&val); err != nil {
			return nil, fmt.Errorf("key %q: want a string: %w", key, err)
		}
		if _, dup := msgs[key]; dup {
			return nil, fmt.Errorf("key %q appears twice", key)
		}
		msgs[key] = val
	}
	if _, err := dec.Token(); err != nil { // the closing brace
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, fmt.Errorf("data after the object")
	}
	return msgs, nil
}

// Langs returns the available languages, the default first.
func (b *Bundle) Langs() []string { return slices.Clone(b.order) }

// For returns the localizer for lang ("nl", "en", also "en-GB"), falling
// back to Dutch for an unknown language.
func (b *Bundle) For(lang string) *Localizer {
	lang = strings.ToLower(strings.TrimSpace(lang))
	if l, ok := b.langs[lang]; ok {
		return l
	}
	if i := strings.IndexByte(lang, '-'); i > 0 {
		if l, ok := b.langs[lang[:i]]; ok {
			return l
		}
	}
	return b.langs[Default]
}

// Match picks the best available language for an Accept-Language header
// value such as "en-GB,en;q=0.9,nl;q=0.8". It returns Default when nothing
// matches.
func (b *Bundle) Match(acceptLanguage string) string {
	best, bestQ := Default, 0.0
	for part := range strings.SplitSeq(acceptLanguage, ",") {
		tag, params, _ := strings.Cut(part, ";")
		tag = strings.ToLower(strings.TrimSpace(tag))
		if i := strings.IndexByte(tag, '-'); i > 0 {
			tag = tag[:i]
		}
		q := 1.0
		for p := range strings.SplitSeq(params, ";") {
			k, v, ok := strings.Cut(strings.TrimSpace(p), "=")
			if ok && strings.TrimSpace(k) == "q" {
				f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
				if err != nil || f < 0 || f > 1 {
					f = 0
				}
				q = f
			}
		}
		if _, ok := b.langs[tag]; ok && q > bestQ {
			best, bestQ = tag, q
		}
	}
	return best
}

// Localizer gives the texts of one language. A nil *Localizer is safe to use:
// it returns keys instead of texts.
type Localizer struct {
	lang string
	msgs map[string]string
}

// Lang returns the language code, e.g. "nl".
func (l *Localizer) Lang() string {
	if l == nil {
		return Default
	}
	return l.lang
}

// T returns the text for key, formatted with args as by fmt.Sprintf when
// args are given. A missing key returns the key itself, so a gap shows on the
// page instead of breaking it.
func (l *Localizer) T(key string, args ...any) string {
	if l == nil {
		return key
	}
	msg, ok := l.msgs[key]
	if !ok {
		return key
	}
	if len(args) > 0 {
		return fmt.Sprintf(msg, args...)
	}
	return msg
}

// Has reports whether key has a text.
func (l *Localizer) Has(key string) bool {
	if l == nil {
		return false
	}
	_, ok := l.msgs[key]
	return ok
}

// Keys returns every key, sorted.
func (l *Localizer) Keys() []string {
	if l == nil {
		return nil
	}
	keys := make([]string, 0, len(l.msgs))
	for k := range l.msgs {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// Date formats the day of t in Europe/Amsterdam, e.g. "3 maart 2025" or
// "3 March 2025". The zero time gives "".
func (l *Localizer) Date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	t = t.In(amsterdam)
	return fmt.Sprintf("%d %s %d", t.Day(), l.T("month."+strconv.Itoa(int(t.Month()))), t.Year())
}

// DateTime formats t in Europe/Amsterdam with the time of day on a 24-hour
// clock, e.g. "3 maart 2025, 14:05". The zero time gives "".
func (l *Localizer) DateTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return l.Date(t) + ", " + t.In(amsterdam).Format("15:04")
}

// Number formats n with the language's thousands separator: "12.345" in
// Dutch, "12,345" in English.
func (l *Localizer) Number(n int64) string {
	s := strconv.FormatInt(n, 10)
	sign := ""
	if n < 0 {
		sign, s = "-", s[1:]
	}
	sep := "."
	if l.Has("format.thousands_separator") {
		sep = l.T("format.thousands_separator")
	}
	var b strings.Builder
	b.WriteString(sign)
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteString(sep)
		}
		b.WriteRune(c)
	}
	return b.String()
}

// Amsterdam returns the time zone dates are shown in.
func Amsterdam() *time.Location { return amsterdam }
