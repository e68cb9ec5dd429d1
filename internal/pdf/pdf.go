// Package pdf writes simple, readable A4 documents — headings, paragraphs,
// lists, tables and notes — for WEI's reports. Text is UTF-8; the document
// embeds DejaVu Sans (see fonts/LICENSE), so every Latin letter, the euro
// sign and typographic quotes come out right without system fonts. Each page
// carries the title and "Pagina 2 van 5" (or "Page 2 of 5") in its footer;
// headings become the document outline (bookmarks); the title, language
// and creator are set in the document information.
//
// fpdf writes no tagged PDF (no structure tree for screen readers), so the
// HTML version of a report stays the accessible one; the PDF is for print
// and archive.
package pdf

import (
	"bytes"
	_ "embed"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/go-pdf/fpdf"
)

//go:embed fonts/DejaVuSans.ttf
var fontRegular []byte

//go:embed fonts/DejaVuSans-Bold.ttf
var fontBold []byte

const (
	family = "DejaVu"

	marginLeft   = 20.0 // mm
	marginRight  = 20.0
	marginTop    = 20.0
	marginBottom = 22.0 // leaves room for the footer

	bodySize  = 10.5 // pt
	noteSize  = 8.5
	tableSize = 9.0
	ptToMM    = 25.4 / 72
	leading   = 1.4 // line height as a multiple of the font size

	cellPad = 1.5 // mm, inside table cells

	// pagesAlias is replaced with the number of pages when the document is
	// written; in the footer only, since body text is escaped (see clean).
	pagesAlias = "{nb}"
)

// Colours, as RGB. Grey text keeps a contrast of at least 7:1 on white.
var (
	colText   = [3]int{26, 26, 26}
	colNote   = [3]int{85, 85, 85}
	colRule   = [3]int{150, 150, 150}
	colHeadBG = [3]int{230, 230, 230}
	colZebra  = [3]int{246, 246, 246}
)

// Doc is a PDF document being written. Add content in reading order, then
// call Bytes once. The methods record the first error; Bytes returns it.
type Doc struct {
	f         *fpdf.Fpdf
	title     string
	lang      string
	lastLevel int // outline level of the last heading; -1 before the first
	err       error
	out       []byte
	done      bool
}

// New starts an A4 document with the given title (document information and
// footer; it is not printed as a heading) and language ("nl" or "en"; it
// sets the document language and the footer's wording).
func New(title, lang string) *Doc {
	if lang == "" {
		lang = "nl"
	}
	f := fpdf.New("P", "mm", "A4", "")
	d := &Doc{f: f, title: clean(title), lang: lang, lastLevel: -1}
	f.AddUTF8FontFromBytes(family, "", fontRegular)
	f.AddUTF8FontFromBytes(family, "B", fontBold)
	f.SetTitle(d.title, true)
	f.SetLang(lang)
	f.SetCreator("WEI", true)
	f.SetProducer("WEI (go-pdf/fpdf)", true)
	f.SetMargins(marginLeft, marginTop, marginRight)
	f.SetAutoPageBreak(true, marginBottom)
	f.SetCellMargin(0)
	f.AliasNbPages(pagesAlias)
	f.SetFooterFunc(d.footer)
	f.AddPage()
	d.font("", bodySize, colText)
	return d
}

// english reports whether the footer is written in English.
func (d *Doc) english() bool {
	return strings.HasPrefix(strings.ToLower(d.lang), "en")
}

func (d *Doc) footer() {
	f := d.f
	pw, ph := f.GetPageSize()
	y := ph - marginBottom + 8
	d.font("", noteSize, colNote)
	f.SetDrawColor(colRule[0], colRule[1], colRule[2])
	f.SetLineWidth(0.2)
	f.Line(marginLeft, y-2, pw-marginRight, y-2)
	label := fmt.Sprintf("Pagina %d van %s", f.PageNo(), pagesAlias)
	if d.english() {
		label = fmt.Sprintf("Page %d of %s", f.PageNo(), pagesAlias)
	}
	lw := f.GetStringWidth(label)
	width := pw - marginLeft - marginRight
	if title := d.fit(d.title, width-lw-8); title != "" {
		f.SetXY(marginLeft, y)
		f.CellFormat(width-lw-8, 4, title, "", 0, "L", false, 0, "")
	}
	// The alias is wider than most page counts; align its right end.
	f.SetXY(pw-marginRight-lw, y)
	f.CellFormat(lw, 4, label, "", 0, "R", false, 0, "")
	d.font("", bodySize, colText)
}

// fit shortens s with an ellipsis so it fits width in the current font.
func (d *Doc) fit(s string, width float64) string {
	if width <= 0 {
		return ""
	}
	if d.f.GetStringWidth(s) <= width {
		return s
	}
	head, _, _ := d.cut(s, width-d.f.GetStringWidth("…"))
	head = strings.TrimRightFunc(head, unicode.IsSpace)
	if head == "" {
		return ""
	}
	return head + "…"
}

func (d *Doc) font(style string, size float64, c [3]int) {
	d.f.SetFont(family, style, size)
	d.f.SetTextColor(c[0], c[1], c[2])
}

// lineHeight is the height in mm of a line in the font size in points.
func lineHeight(size float64) float64 { return size * ptToMM * leading }

// contentWidth is the width between the margins.
func (d *Doc) contentWidth() float64 {
	pw, _ := d.f.GetPageSize()
	return pw - marginLeft - marginRight
}

// room is the height left on the current page above the bottom margin.
func (d *Doc) room() float64 {
	_, ph := d.f.GetPageSize()
	return ph - marginBottom - d.f.GetY()
}

// ensure starts a new page when less than h mm is left on this one.
func (d *Doc) ensure(h float64) {
	if d.room() < h && d.f.GetY() > marginTop+0.01 {
		d.f.AddPage()
	}
}

// usable reports whether content may still be added.
func (d *Doc) usable() bool {
	if d.done {
		if d.err == nil {
			d.err = fmt.Errorf("pdf: content added after Bytes")
		}
		return false
	}
	return d.err == nil && !d.f.Err()
}

// Heading adds a heading; level 1 is the largest, levels beyond 3 look like
// 3. It also becomes an entry in the document outline. A heading is never
// left alone at the bottom of a page.
func (d *Doc) Heading(level int, text string) {
	if !d.usable() {
		return
	}
	level = max(1, min(level, 3))
	size := [...]float64{18, 14, 12}[level-1]
	before := [...]float64{4, 4, 3}[level-1]
	text = clean(text)
	d.font("B", size, colText)
	lines := d.wrap(text, d.contentWidth())
	lh := lineHeight(size)
	// Keep the heading with about three lines of what follows.
	d.ensure(float64(len(lines))*lh + before + 3*lineHeight(bodySize))
	if d.f.GetY() > marginTop+0.01 {
		d.f.Ln(before)
	}
	// Outline levels may rise by one at a time.
	ol := min(level-1, d.lastLevel+1)
	d.lastLevel = ol
	d.f.Bookmark(strings.Join(lines, " "), ol, -1)
	d.lines(lines, lh, "L")
	d.f.Ln(1.5)
	d.font("", bodySize, colText)
}

// Para adds a paragraph. Line breaks in text are kept; long words are
// broken where they reach the margin.
func (d *Doc) Para(text string) {
	if !d.usable() {
		return
	}
	d.font("", bodySize, colText)
	d.lines(d.wrap(clean(text), d.contentWidth()), lineHeight(bodySize), "L")
	d.f.Ln(2)
}

// Note adds small grey text, for sources, explanations and remarks.
func (d *Doc) Note(text string) {
	if !d.usable() {
		return
	}
	d.font("", noteSize, colNote)
	d.lines(d.wrap(clean(text), d.contentWidth()), lineHeight(noteSize), "L")
	d.f.Ln(2)
	d.font("", bodySize, colText)
}

// List adds a bulleted list; an item's further lines are indented.
func (d *Doc) List(items []string) {
	if !d.usable() {
		return
	}
	d.font("", bodySize, colText)
	lh := lineHeight(bodySize)
	indent := 6.0
	for _, it := range items {
		lines := d.wrap(clean(it), d.contentWidth()-indent)
		for i, l := range lines {
			d.ensure(lh)
			d.f.SetX(marginLeft)
			if i == 0 {
				d.f.CellFormat(indent, lh, "•", "", 0, "L", false, 0, "")
			} else {
				d.f.SetX(marginLeft + indent)
			}
			d.f.CellFormat(d.contentWidth()-indent, lh, l, "", 1, "L", false, 0, "")
		}
		d.f.Ln(0.8)
	}
	d.f.Ln(1.2)
}

// lines writes wrapped lines, one cell each, breaking pages between lines.
func (d *Doc) lines(lines []string, lh float64, align string) {
	for _, l := range lines {
		d.ensure(lh)
		d.f.SetX(marginLeft)
		d.f.CellFormat(d.contentWidth(), lh, l, "", 1, align, false, 0, "")
	}
}

// Bytes finishes the document and returns it. Content added afterwards is
// an error; calling Bytes again returns the same result.
func (d *Doc) Bytes() (out []byte, err error) {
	if d.done {
		return d.out, d.err
	}
	d.done = true
	if d.err != nil {
		return nil, d.err
	}
	defer func() {
		// fpdf panics on some internal inconsistencies; never take the
		// server down for a report.
		if v := recover(); v != nil {
			d.out, d.err = nil, fmt.Errorf("pdf: writing %q failed: %v", d.title, v)
			out, err = d.out, d.err
		}
	}()
	var buf bytes.Buffer
	if err := d.f.Output(&buf); err != nil {
		d.err = fmt.Errorf("pdf: writing %q: %w", d.title, err)
		return nil, d.err
	}
	d.out = buf.Bytes()
	return d.out, nil
}

// clean makes text safe to print: valid UTF-8, no control characters but
// line breaks (tabs become spaces), only characters the embedded fonts
// have (others become "?"), and the page-count alias defused.
func clean(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "?")
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r == '\n':
			b.WriteRune(r)
		case r == '\t' || r == '\r':
			b.WriteByte(' ')
		case unicode.IsControl(r):
		case !covered(r):
			b.WriteByte('?')
		default:
			b.WriteRune(r)
		}
	}
	// The footer's page-count alias would be replaced in body text too.
	return strings.ReplaceAll(b.String(), pagesAlias, "{\u200bnb}")
}
