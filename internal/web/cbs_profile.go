package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/wei-platform/wei"
	"github.com/wei-platform/wei/cbs"
	"github.com/wei-platform/wei/internal/locale"
	"github.com/wei-platform/wei/internal/store"
	"github.com/wei-platform/wei/wijk"
)

// The wijk profile (/w/{wijk}/profiel) puts the CBS key figures of the
// buurten, the wijk and its gemeente next to the number of signals, so a
// process manager or chair sees where problems pile up against who lives
// there. Figures CBS keeps secret or does not know are shown empty.

// cbsProfileFigures are the key figures on the profile, in this order;
// their column headings are the locale keys "cbs.figure.<key>".
var cbsProfileFigures = []string{"a_inw", "a_hh", "g_hhgro", "bev_dich", "a_woning", "g_woz", "p_koopw", "p_huurw"}

type cbsProfileRow struct {
	Name    string
	Code    string
	Kind    string   // "gemeente", "wijk" or "buurt"
	Values  []string // formatted, "" when unknown
	Signals string   // "" for the gemeente: signals are counted per wijk
}

type cbsProfilePage struct {
	Page
	Wijk    wijk.Wijk
	Columns []string // headings of the figure columns
	Rows    []cbsProfileRow
	Year    int
	Source  *store.CBSImport
	Counts  cbsCounts
	// TotalHidden: the wijk's total is left out because it would reveal a
	// small count (see cbsCounts).
	TotalHidden bool
}

func (h *Handler) cbsProfile(w http.ResponseWriter, r *http.Request, rc *request) {
	l := rc.L
	wk := *rc.Wijk
	buurten, err := h.store.Buurten(ctx(r), wk.ID)
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	counts, err := h.cbsSignalCounts(ctx(r), wk.ID, buurten)
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	gm := cbs.GemeenteOf(wk.CBSCode)
	codes := []string{wk.CBSCode}
	if gm != "" {
		codes = append(codes, gm)
	}
	for _, b := range buurten {
		codes = append(codes, b.CBSCode)
	}
	figs, err := h.store.RegionFigures(ctx(r), codes)
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	p := cbsProfilePage{Page: h.page(r, rc, l.T("cbs.profile.title")), Wijk: wk, Year: figs.Year, Counts: counts}
	for _, k := range cbsProfileFigures {
		p.Columns = append(p.Columns, l.T("cbs.figure."+k))
	}
	row := func(name, code, kind, signals string) cbsProfileRow {
		pr := cbsProfileRow{Name: name, Code: code, Kind: l.T("cbs.kind." + kind), Signals: signals}
		for _, k := range cbsProfileFigures {
			pr.Values = append(pr.Values, cbsFormatValue(l, figs.Value(code, k)))
		}
		return pr
	}
	for i, b := range buurten {
		p.Rows = append(p.Rows, row(b.Name, b.CBSCode, "buurt", cbsCountShort(l, counts.Buurten[i])))
	}
	total := l.T("cbs.count.total_hidden")
	if !counts.Total.Hidden {
		total = l.Number(int64(counts.Total.N))
	}
	p.TotalHidden = counts.Total.Hidden
	p.Rows = append(p.Rows, row(wk.Name, wk.CBSCode, "wijk", total))
	if gm != "" && len(figs.Values[gm]) > 0 {
		p.Rows = append(p.Rows, row(wk.Municipality, gm, "gemeente", ""))
	}
	if figs.Year != 0 {
		imp, err := h.store.LastCBSImport(ctx(r), store.CBSKerncijfers, figs.Year)
		if err == nil {
			p.Source = &imp
		} else if wei.ErrorCode(err) != wei.ENOTFOUND {
			h.serverError(w, r, rc, err)
			return
		}
	}
	h.render(w, r, rc, "cbs_profile.html", p)
}

// cbsFormatValue writes a key figure the way the language writes numbers:
// "12.345" and "4,5" in Dutch, "12,345" and "4.5" in English. A value CBS
// keeps secret or does not know is "".
func cbsFormatValue(l *locale.Localizer, v cbs.Value) string {
	if !v.Known || v.Text == "" {
		return ""
	}
	s := v.Text
	sign := ""
	if strings.HasPrefix(s, "-") {
		sign, s = "-", s[1:]
	}
	intPart, frac, _ := strings.Cut(s, ".")
	n, err := strconv.ParseInt(intPart, 10, 64)
	if err != nil {
		return v.Text
	}
	out := sign + l.Number(n)
	if frac != "" {
		out += l.T("cbs.format.decimal_separator") + frac
	}
	return out
}
