package web

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/wei-platform/wei/dialoog"
	"github.com/wei-platform/wei/internal/store"
)

// The public "u zei, wij deden" page: every input of the wijk and what
// became of it, newest first, a page at a time, with the counts per status
// and the overdue answers flagged. It shows the owner party, never who
// gave the input.

const publicInputsPerPage = 50

type inputStatusCount struct {
	Key, Label string
	N          int
	Href       string
	Current    bool
}

type inputPageLink struct {
	N       int
	Href    string
	Current bool
}

type inputsPublicPage struct {
	Page
	Total, Overdue int
	Counts         []inputStatusCount
	OverdueHref    string
	AllHref        string
	FilterOverdue  bool
	FilterLabel    string
	Table          dialoogInputsTable
	Shown          int // matching inputs in all
	From, To       int
	Pages          []inputPageLink
	Prev, Next     string
}

// inputsPublic is the "u zei, wij deden" page.
func (h *Handler) inputsPublic(w http.ResponseWriter, r *http.Request, rc *request) {
	l := rc.L
	q := r.URL.Query()
	day := todayText()
	f := store.InputFilter{Status: q.Get("status"), Overdue: q.Get("te-laat") == "1", Today: day}
	if f.Status != "" && !validStatus(f.Status) {
		f.Status = ""
	}
	page := max(atoiOr(q.Get("pagina"), 1), 1)
	counts, err := h.store.WijkInputCounts(ctx(r), rc.Wijk.ID, day)
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	list, total, err := h.store.WijkInputs(ctx(r), rc.Wijk.ID, f, publicInputsPerPage, (page-1)*publicInputsPerPage)
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	base := "/w/" + rc.Wijk.Slug + "/u-zei-wij-deden"
	href := func(status string, overdue bool, n int) string {
		v := url.Values{}
		if status != "" {
			v.Set("status", status)
		}
		if overdue {
			v.Set("te-laat", "1")
		}
		if n > 1 {
			v.Set("pagina", strconv.Itoa(n))
		}
		if len(v) == 0 {
			return base
		}
		return base + "?" + v.Encode()
	}
	p := inputsPublicPage{Page: h.page(r, rc, l.T("dialoog.public.title")), Total: counts.Total, Overdue: counts.Overdue,
		OverdueHref: href("", true, 1), AllHref: base, FilterOverdue: f.Overdue, Shown: total}
	for _, st := range dialoog.Statuses {
		p.Counts = append(p.Counts, inputStatusCount{Key: st, Label: l.T("dialoog.status." + st), N: counts.ByStatus[st], Href: href(st, false, 1), Current: f.Status == st})
	}
	switch {
	case f.Overdue:
		p.FilterLabel = l.T("dialoog.public.filter.overdue")
	case f.Status != "":
		p.FilterLabel = l.T("dialoog.public.filter.status", l.T("dialoog.status."+f.Status))
	}
	if len(list) > 0 {
		p.From, p.To = (page-1)*publicInputsPerPage+1, (page-1)*publicInputsPerPage+len(list)
	}
	caption := l.T("dialoog.public.caption", p.From, p.To, total)
	if p.FilterLabel != "" {
		caption += " " + p.FilterLabel
	}
	p.Table = dialoogInputsTable{L: l, WijkSlug: rc.Wijk.Slug, Caption: caption, WithTheme: true}
	for _, in := range list {
		p.Table.Rows = append(p.Table.Rows, newInputRow(l, in, day))
	}
	pages := (total + publicInputsPerPage - 1) / publicInputsPerPage
	if page > 1 && page <= pages+1 {
		p.Prev = href(f.Status, f.Overdue, page-1)
	}
	if page < pages {
		p.Next = href(f.Status, f.Overdue, page+1)
	}
	// A window of page numbers around the current one.
	for n := max(1, page-4); n <= min(pages, page+4); n++ {
		p.Pages = append(p.Pages, inputPageLink{N: n, Href: href(f.Status, f.Overdue, n), Current: n == page})
	}
	h.render(w, r, rc, "dialoog_public.html", p)
}

func validStatus(s string) bool {
	for _, st := range dialoog.Statuses {
		if st == s {
			return true
		}
	}
	return false
}
