package pdf

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf16"
)

// plain starts a document whose page contents are not compressed, so the
// tests can read the text back.
func plain(title, lang string) *Doc {
	d := New(title, lang)
	d.f.SetCompression(false)
	return d
}

func mustBytes(t testing.TB, d *Doc) []byte {
	t.Helper()
	b, err := d.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(b, []byte("%PDF-")) {
		t.Fatalf("output starts with %q, want %%PDF-", b[:min(len(b), 8)])
	}
	if !bytes.HasSuffix(bytes.TrimRight(b, "\r\n"), []byte("%%EOF")) {
		t.Fatalf("output ends with %q, want %%%%EOF", b[max(0, len(b)-8):])
	}
	return b
}

// textRun matches one text-showing operation as fpdf writes it for a
// UTF-8 font: a UTF-16BE string with \, ( and ) escaped.
var textRun = regexp.MustCompile(`(?s)BT [-0-9.]+ [-0-9.]+ Td \(((?:\\.|[^\\)])*)\)Tj ET`)

// texts returns the text runs of an uncompressed document in the order
// they were drawn.
func texts(t testing.TB, pdf []byte) []string {
	t.Helper()
	var out []string
	for _, m := range textRun.FindAllSubmatch(pdf, -1) {
		out = append(out, utf16be(t, unescape(m[1])))
	}
	return out
}

func unescape(b []byte) []byte {
	var out []byte
	for i := 0; i < len(b); i++ {
		if b[i] == '\\' && i+1 < len(b) {
			i++
			switch b[i] {
			case 'r':
				out = append(out, '\r')
			case 'n':
				out = append(out, '\n')
			default:
				out = append(out, b[i])
			}
			continue
		}
		out = append(out, b[i])
	}
	return out
}

func utf16be(t testing.TB, b []byte) string {
	t.Helper()
	if len(b)%2 != 0 {
		t.Fatalf("text run of odd length %d: %q", len(b), b)
	}
	u := make([]uint16, len(b)/2)
	for i := range u {
		u[i] = uint16(b[2*i])<<8 | uint16(b[2*i+1])
	}
	return string(utf16.Decode(u))
}

var pageCount = regexp.MustCompile(`/Type /Pages\s*/Kids \[[^\]]*\]\s*/Count (\d+)`)

func pages(t testing.TB, pdf []byte) int {
	t.Helper()
	m := pageCount.FindSubmatch(pdf)
	if m == nil {
		t.Fatal("no page tree in the output")
	}
	n, _ := strconv.Atoi(string(m[1]))
	return n
}

// pdftotext returns the text of the document as poppler reads it, or skips
// when poppler-utils is not installed.
func pdftotext(t *testing.T, pdf []byte) string {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext (poppler-utils) is not installed: skipping the cross-check with a real PDF reader")
	}
	path := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(path, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext cannot read the document: %v", err)
	}
	return string(out)
}

const special = "Café Één, ruïne, über, België: € 12,50 – “aanhalingstekens” en ‘enkele’, ĳs, Ĳsselmeer, Ørsted, Łódź"

func specialDoc() *Doc {
	d := plain("Rapport “Blauwe Akker” – € en ë", "nl")
	d.Heading(1, "Overleg “Blauwe Akker” – maart")
	d.Para(special)
	d.List([]string{"Eén actie – “dringend”", "Tweede: € 3,75"})
	d.Note("Bron: CBS – wijk- en buurtkaart 2024")
	d.Table([]string{"Wie", "Wat", "Bedrag"}, [][]string{{"Gemeente – afdeling Wonen", "“Speelplek” herstellen", "€ 1.250,00"}})
	return d
}

func TestUnicodeTextComesBack(t *testing.T) {
	b := mustBytes(t, specialDoc())
	all := strings.Join(texts(t, b), " ") // wrapped lines join with a space
	for _, want := range []string{
		"Overleg “Blauwe Akker” – maart", special, "Eén actie – “dringend”", "Tweede: € 3,75",
		"Bron: CBS – wijk- en buurtkaart 2024", "Gemeente – afdeling Wonen", "“Speelplek” herstellen", "€ 1.250,00",
	} {
		if !strings.Contains(all, want) {
			t.Errorf("text %q not in the document; it has:\n%s", want, all)
		}
	}
}

func TestUnicodeTextWithPdftotext(t *testing.T) {
	d := specialDoc()
	d.f.SetCompression(true) // what production writes
	got := pdftotext(t, mustBytes(t, d))
	norm := strings.Join(strings.Fields(got), " ")
	for _, want := range []string{"Overleg “Blauwe Akker” – maart", special, "Eén actie – “dringend”", "€ 1.250,00", "Pagina 1 van 1"} {
		if !strings.Contains(norm, want) {
			t.Errorf("pdftotext does not find %q; it reads:\n%s", want, got)
		}
	}
}

func TestMetadata(t *testing.T) {
	for _, tc := range []struct {
		lang, footer string
	}{
		{"nl", "Pagina 1 van 1"},
		{"en", "Page 1 of 1"},
		{"en-GB", "Page 1 of 1"},
		{"", "Pagina 1 van 1"},
	} {
		t.Run(tc.lang, func(t *testing.T) {
			d := plain("Maandrapport “Blauwe Akker” – €", tc.lang)
			d.Para("x")
			b := mustBytes(t, d)
			want := tc.lang
			if want == "" {
				want = "nl"
			}
			if !bytes.Contains(b, []byte("/Lang ("+want+")")) {
				t.Errorf("no /Lang (%s) in the catalog", want)
			}
			if got := infoString(t, b, "Title"); got != "Maandrapport “Blauwe Akker” – €" {
				t.Errorf("Title=%q", got)
			}
			if got := infoString(t, b, "Creator"); got != "WEI" {
				t.Errorf("Creator=%q, want WEI", got)
			}
			if all := texts(t, b); !contains(all, tc.footer) {
				t.Errorf("footer %q missing; texts: %q", tc.footer, all)
			}
		})
	}
}

// infoString reads a UTF-16 (with byte order mark) string from the
// document information dictionary.
func infoString(t *testing.T, pdf []byte, key string) string {
	t.Helper()
	re := regexp.MustCompile(`(?s)/` + key + ` \(((?:\\.|[^\\)])*)\)`)
	m := re.FindSubmatch(pdf)
	if m == nil {
		t.Fatalf("no /%s in the document information", key)
	}
	s := unescape(m[1])
	if !bytes.HasPrefix(s, []byte{0xFE, 0xFF}) {
		return string(s)
	}
	return utf16be(t, s[2:])
}

func contains(list []string, s string) bool {
	for _, l := range list {
		if l == s {
			return true
		}
	}
	return false
}

func TestPageNumbers(t *testing.T) {
	d := plain("Drie pagina's", "nl")
	for i := range 3 {
		if i > 0 {
			d.f.AddPage()
		}
		d.Para(fmt.Sprintf("Pagina-inhoud %d", i+1))
	}
	b := mustBytes(t, d)
	if n := pages(t, b); n != 3 {
		t.Fatalf("pages=%d, want 3", n)
	}
	all := texts(t, b)
	for i := 1; i <= 3; i++ {
		if want := fmt.Sprintf("Pagina %d van 3", i); !contains(all, want) {
			t.Errorf("footer %q missing; texts: %q", want, all)
		}
	}
}

// TestTableSpansPages checks that a long table runs over several pages,
// keeps every row in order and repeats its header at the top of each page.
func TestTableSpansPages(t *testing.T) {
	d := plain("Acties", "en")
	d.Heading(1, "Acties")
	rows := make([][]string, 300)
	for i := range rows {
		rows[i] = []string{fmt.Sprintf("row-%03d", i), "Wijkteam – “Samen”", fmt.Sprintf("€ %d,00", i)}
	}
	d.Table([]string{"Actiepunt", "Wie doet het", "Bedrag"}, rows)
	b := mustBytes(t, d)
	n := pages(t, b)
	if n < 5 {
		t.Fatalf("300 rows fill %d pages, want at least 5", n)
	}
	all := texts(t, b)
	var headers, next int
	for _, s := range all {
		switch {
		case s == "Wie doet het":
			headers++
		case strings.HasPrefix(s, "row-"):
			if want := fmt.Sprintf("row-%03d", next); s != want {
				t.Fatalf("row %q out of order, want %q", s, want)
			}
			next++
		}
	}
	if next != 300 {
		t.Errorf("%d rows printed, want 300", next)
	}
	if headers != n {
		t.Errorf("header printed %d times on %d pages, want once per page", headers, n)
	}
	if !contains(all, fmt.Sprintf("Page %d of %d", n, n)) {
		t.Errorf("last footer Page %d of %d missing", n, n)
	}
}

// TestTallCellContinues checks a row taller than a page: it continues on
// the next pages, below a repeated header, and loses no line.
func TestTallCellContinues(t *testing.T) {
	d := plain("Lang", "nl")
	var lines []string
	for i := range 150 {
		lines = append(lines, fmt.Sprintf("regel-%03d", i))
	}
	d.Table([]string{"Kop", "Tekst"}, [][]string{{"a", strings.Join(lines, "\n")}, {"b", "kort"}})
	b := mustBytes(t, d)
	if n := pages(t, b); n < 2 {
		t.Fatalf("pages=%d, want at least 2", n)
	}
	all := strings.Join(texts(t, b), "\n")
	for _, l := range lines {
		if !strings.Contains(all, l) {
			t.Fatalf("%s lost", l)
		}
	}
	if strings.Count(all, "Kop") != pages(t, b) {
		t.Errorf("header appears %d times on %d pages", strings.Count(all, "Kop"), pages(t, b))
	}
}

func TestWrap(t *testing.T) {
	d := plain("Wrap", "nl")
	d.font("", bodySize, colText)
	long := strings.Repeat("buurtbewonersorganisatie", 20)
	for _, tc := range []struct {
		name, text string
		width      float64
	}{
		{"words", strings.Repeat("de wijk is van ons allemaal ", 30), 100},
		{"long word", long, 60},
		{"long word between words", "start " + long + " einde", 60},
		{"narrow", "abc déf", 0.5},
		{"line breaks", "een\ntwee\n\ndrie", 170},
	} {
		t.Run(tc.name, func(t *testing.T) {
			lines := d.wrap(tc.text, tc.width)
			for _, l := range lines {
				if w := d.f.GetStringWidth(l); w > tc.width && len([]rune(l)) > 1 {
					t.Errorf("line %q is %.1f mm wide, more than %.1f", l, w, tc.width)
				}
			}
			// Nothing is lost: the lines hold the same characters.
			squash := func(s string) string { return strings.Join(strings.Fields(s), "") }
			if got, want := squash(strings.Join(lines, "")), squash(tc.text); got != want {
				t.Errorf("wrapped text %q, want %q", got, want)
			}
		})
	}
	if got := d.wrap("een\ntwee\n\ndrie", 170); len(got) != 4 || got[2] != "" {
		t.Errorf("line breaks: got %q, want 4 lines with an empty third", got)
	}
}

func TestClean(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Café € – “x”", "Café € – “x”"},
		{"tab\there", "tab here"},
		{"a\r\nb", "a\nb"},
		{"bell\a and nul\x00", "bell and nul"},
		{"emoji 😀 and 中", "emoji ? and ?"},
		{"bad \xff utf8", "bad ? utf8"},
		{"{nb} pages", "{\u200bnb} pages"},
	} {
		if got := clean(tc.in); got != tc.want {
			t.Errorf("clean(%q)=%q, want %q", tc.in, got, tc.want)
		}
	}
	for _, r := range "éëüï€–—“”‘’•…ĳĲ" {
		if !covered(r) {
			t.Errorf("%q (%U) is not covered by the embedded fonts", r, r)
		}
	}
}

func TestAliasInBodyIsNotReplaced(t *testing.T) {
	d := plain("Alias", "nl")
	d.Para("letterlijk {nb} hier")
	all := strings.Join(texts(t, mustBytes(t, d)), "\n")
	if !strings.Contains(all, "letterlijk {\u200bnb} hier") {
		t.Errorf("body text with {nb} changed: %q", all)
	}
}

func TestBytesTwiceAndAfter(t *testing.T) {
	d := New("Twee keer", "nl")
	d.Para("x")
	a := mustBytes(t, d)
	b := mustBytes(t, d)
	if !bytes.Equal(a, b) {
		t.Error("second Bytes differs from the first")
	}
	d.Para("te laat")
	if _, err := New("x", "nl").Bytes(); err != nil {
		t.Errorf("empty document: %v", err)
	}
	if d.err == nil {
		t.Error("adding content after Bytes is not recorded as an error")
	}
}

func TestEdgeCases(t *testing.T) {
	d := plain("Randgevallen", "nl")
	d.Heading(0, "level 0 is 1")
	d.Heading(3, "level 3 after 1")
	d.Heading(9, "level 9 is 3")
	d.Para("")
	d.List(nil)
	d.Table(nil, nil)
	d.Table([]string{"Alleen kop"}, nil)
	d.Table(nil, [][]string{{"zonder", "kop"}})
	d.Table([]string{"a", "b"}, [][]string{{"1"}, {"1", "2", "3 extra"}})
	many := make([]string, 40)
	for i := range many {
		many[i] = fmt.Sprintf("kolom%d", i)
	}
	d.Table(many, [][]string{many})
	all := strings.Join(texts(t, mustBytes(t, d)), "\n")
	for _, want := range []string{"level 0 is 1", "level 9 is 3", "Alleen kop", "zonder", "3 extra"} {
		if !strings.Contains(all, want) {
			t.Errorf("%q missing", want)
		}
	}
}

func TestIsNumber(t *testing.T) {
	for s, want := range map[string]bool{
		"12": true, "€ 1.250,00": true, "-99997": true, "12%": true, "− 3,5": true, "1 234": true,
		"2026-03-01": false, "12-14": false, "abc": false, "€": false, "": false, "12a": false,
	} {
		if got := isNumber(s); got != want {
			t.Errorf("isNumber(%q)=%v, want %v", s, got, want)
		}
	}
}

func TestConcurrentDocuments(t *testing.T) {
	t.Parallel()
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			d := New(fmt.Sprintf("Rapport %d", i), "nl")
			d.Heading(1, "Überschrift é €")
			d.Table([]string{"a", "b"}, [][]string{{"1", "€ 2"}})
			if _, err := d.Bytes(); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
}

func FuzzDoc(f *testing.F) {
	for _, s := range []string{"", special, "{nb}", "\x00\xff\n\t", strings.Repeat("x", 500), "😀中文\u202e"} {
		f.Add(s, 2)
	}
	f.Fuzz(func(t *testing.T, s string, level int) {
		d := New(s, "nl")
		d.Heading(level, s)
		d.Para(s)
		d.List([]string{s, s})
		d.Note(s)
		d.Table([]string{s, "b"}, [][]string{{s, s}, {"1", s}})
		mustBytes(t, d)
	})
}

// report builds a report like the periodic overleg report: sections with
// text, lists and tables, about 20 pages.
func report() *Doc {
	d := New("Maandrapport leefomgevingsoverleg Blauwe Akker – maart 2026", "nl")
	d.Heading(1, "Maandrapport leefomgevingsoverleg Blauwe Akker")
	d.Note("Gemaakt door WEI op 1 april 2026. Aantallen onder de vijf worden niet getoond.")
	for s := range 6 {
		d.Heading(2, fmt.Sprintf("Deel %d – wat moet er gebeuren", s+1))
		d.Para(strings.Repeat("Bewoners melden dat de speelplek aan de Akkerlaan “onveilig” is; de gemeente en de woningcorporatie werken er allebei aan. ", 4))
		d.List([]string{"Gemeente: hek repareren vóór 15 april", "Welzijn: bewonersavond organiseren", "Corporatie: verlichting – € 4.500,00"})
		rows := make([][]string, 60)
		for i := range rows {
			rows[i] = []string{fmt.Sprintf("Actie %d.%d", s+1, i+1), "Gemeente Utrecht – team Wijken", "Hek bij de speelplek herstellen en de buurt informeren", "2026-04-15", fmt.Sprintf("€ %d,00", i*25)}
		}
		d.Table([]string{"Actie", "Wie", "Wat", "Uiterlijk", "Kosten"}, rows)
	}
	return d
}

func TestReportSize(t *testing.T) {
	b := mustBytes(t, report())
	if n := pages(t, b); n < 18 || n > 26 {
		t.Errorf("benchmark report has %d pages, want about 20", n)
	}
}

func BenchmarkReport20Pages(b *testing.B) {
	var size int
	for b.Loop() {
		out, err := report().Bytes()
		if err != nil {
			b.Fatal(err)
		}
		size = len(out)
	}
	b.ReportMetric(float64(size)/1024, "KiB/doc")
}

// TestTableLayout: the widths fill the page; one very long word does not
// squeeze the other columns so far that their ordinary words break.
func TestTableLayout(t *testing.T) {
	d := plain("Layout", "nl")
	header := []string{"Organisatie", "Thema", "Buurt", "Contactpersoon", "Omschrijving", "Aantal"}
	rows := [][]string{
		{"Stichting Welzijn Utrecht-Noord", "eenzaamheid", "BU03440101", "J. de Vries", strings.Repeat("Huisbezoeken bij ouderen ", 6), "12"},
		{"Buurtbewonersorganisatiegemeenteoverlegvergaderingsverslagen", "spelen", "BU03440102", "A. Öztürk", "kort", "-99997"},
	}
	tb := &table{d: d, lh: lineHeight(tableSize), header: cleanRow(header, 6)}
	for _, r := range rows {
		tb.rows = append(tb.rows, cleanRow(r, 6))
	}
	tb.layout(6)
	var sum float64
	for _, w := range tb.widths {
		sum += w
	}
	if diff := sum - d.contentWidth(); diff > 0.01 || diff < -0.01 {
		t.Errorf("widths add up to %.2f mm, want %.2f", sum, d.contentWidth())
	}
	d.font("", tableSize, colText)
	for i, c := range tb.rows[0][1:4] {
		if lines := d.wrap(c, tb.widths[i+1]-2*cellPad); len(lines) != 1 {
			t.Errorf("column %s: %q wraps into %q", header[i+1], c, lines)
		}
	}
	if !tb.right[5] || tb.right[2] {
		t.Errorf("right-aligned columns %v, want only Aantal", tb.right)
	}
	if got := waterLevel([]float64{10, 10, 50, 80}, 100); got != 40 {
		t.Errorf("waterLevel=%v, want 40", got)
	}
}

// TestHugeInput: a title, heading, header and cells of 20,000 characters
// without a space finish quickly (once a header taller than a page looped
// forever and the footer title took quadratic time); all text is kept.
func TestHugeInput(t *testing.T) {
	huge := strings.Repeat("x", 20000)
	done := make(chan []byte, 1)
	go func() {
		d := plain(huge, "nl")
		d.Heading(2, huge)
		d.Para(huge)
		d.Table([]string{huge, "kop"}, [][]string{{huge, "cel"}, {"1", huge}})
		b, err := d.Bytes()
		if err != nil {
			t.Error(err)
		}
		done <- b
	}()
	select {
	case b := <-done:
		all := strings.Join(texts(t, b), "")
		// Title (footer, shortened) aside: heading, paragraph, header, two cells.
		if n := strings.Count(all, "x"); n < 5*20000 {
			t.Errorf("%d x's printed, want at least %d", n, 5*20000)
		}
		for _, want := range []string{"kop", "cel", "…"} {
			if !strings.Contains(all, want) {
				t.Errorf("%q missing", want)
			}
		}
	case <-time.After(20 * time.Second):
		t.Fatal("a document with huge input did not finish within 20 s")
	}
}
