package web

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/wei-platform/wei/internal/locale"
)

//go:embed templates
var templateFS embed.FS

// Template files: templates/layout.html and templates/partials/*.html are
// the base that every page shares; every other templates/**/*.html is a
// page, named by its path without ".html" ("error", "admin/roles"). A page
// file calls {{template "layout" .}} and defines "title" and "content".
const (
	templateRoot = "templates"
	layoutFile   = "layout.html"
	partialsDir  = "partials"
)

// Templates are the parsed page templates.
type Templates struct {
	pages map[string]*template.Template
}

// ParseTemplates parses every template at startup. Any error, in any file,
// fails it: a broken template must stop the server, not one page later.
func ParseTemplates() (*Templates, error) {
	sub, err := fs.Sub(templateFS, templateRoot)
	if err != nil {
		return nil, fmt.Errorf("web: templates: %w", err)
	}
	return parseTemplates(sub)
}

// MustParseTemplates is ParseTemplates that panics on an error.
func MustParseTemplates() *Templates {
	t, err := ParseTemplates()
	if err != nil {
		panic(err)
	}
	return t
}

func parseTemplates(fsys fs.FS) (*Templates, error) {
	base := template.New("").Funcs(funcMap)
	partials, err := fs.Glob(fsys, partialsDir+"/*.html")
	if err != nil {
		return nil, fmt.Errorf("web: templates: %w", err)
	}
	if _, err := base.ParseFS(fsys, append([]string{layoutFile}, partials...)...); err != nil {
		return nil, fmt.Errorf("web: parse layout: %w", err)
	}
	t := &Templates{pages: map[string]*template.Template{}}
	err = fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || !strings.HasSuffix(p, ".html") || p == layoutFile || path.Dir(p) == partialsDir {
			return nil
		}
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		name := strings.TrimSuffix(p, ".html")
		page, err := template.Must(base.Clone()).New(name).Parse(string(data))
		if err != nil {
			return fmt.Errorf("parse %s: %w", p, err)
		}
		t.pages[name] = page
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("web: templates: %w", err)
	}
	return t, nil
}

// Names returns the names of all pages, sorted.
func (t *Templates) Names() []string {
	names := make([]string, 0, len(t.pages))
	for n := range t.pages {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// Render executes the page template name ("error" or "error.html") with
// data into a buffer and writes it to w only when that succeeded, so a
// failing template never sends half a page. Set headers and the status
// before calling it.
func (t *Templates) Render(w io.Writer, name string, data any) error {
	name = strings.TrimSuffix(name, ".html")
	page, ok := t.pages[name]
	if !ok {
		return fmt.Errorf("web: render: no template %q", name)
	}
	var buf bytes.Buffer
	if err := page.Execute(&buf, data); err != nil {
		return fmt.Errorf("web: render %s: %w", name, err)
	}
	if _, err := buf.WriteTo(w); err != nil {
		return fmt.Errorf("web: render %s: write: %w", name, err)
	}
	return nil
}

// funcMap is small and pure: no configuration, no database, no request.
// Texts come from .L in the page data, not from here.
var funcMap = template.FuncMap{
	// date formats a day in Europe/Amsterdam: {{date .L .CreatedAt}}.
	"date": func(l *locale.Localizer, t time.Time) string { return l.Date(t) },
	// datetime adds the time of day: {{datetime .L .CreatedAt}}.
	"datetime": func(l *locale.Localizer, t time.Time) string { return l.DateTime(t) },
	// isodate is the machine form for <time datetime="...">.
	"isodate": func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.In(locale.Amsterdam()).Format(time.DateOnly)
	},
	// isodatetime is the machine form of a moment for <time datetime="...">.
	"isodatetime": func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.In(locale.Amsterdam()).Format(time.RFC3339)
	},
	// number groups thousands: {{number .L .Count}}.
	"number": func(l *locale.Localizer, n int) string { return l.Number(int64(n)) },
	"add":    func(a, b int) int { return a + b },
}
