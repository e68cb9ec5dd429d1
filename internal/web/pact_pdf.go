package web

import (
	"net/http"
	"strconv"

	"github.com/wei-platform/wei/internal/locale"
	"github.com/wei-platform/wei/internal/pdf"
	"github.com/wei-platform/wei/pact"
)

// pactPDF serves the text of a pact as a PDF: the aim, the parties, every
// commitment, and who accepted it when. Before every party has accepted,
// the document says it is a draft.
func (h *Handler) pactPDF(w http.ResponseWriter, r *http.Request, rc *request) {
	p, ok := h.loadPact(w, r, rc)
	if !ok {
		return
	}
	b, err := pactDocument(rc.L, rc.Wijk.Name, p)
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("Content-Disposition", `attachment; filename="wijkpact-`+rc.Wijk.Slug+`.pdf"`)
	w.Header().Set("Content-Length", strconv.Itoa(len(b)))
	w.Header().Set("Cache-Control", "no-store")
	w.Write(b)
}

func pactDocument(l *locale.Localizer, wijkName string, p pact.Pact) ([]byte, error) {
	d := pdf.New(p.Title, l.Lang())
	d.Heading(1, p.Title)
	d.Para(l.T("pact.pdf.intro", wijkName, l.Date(p.StartsOn), l.Date(p.EndsOn)))
	if p.Signed() {
		d.Note(l.T("pact.pdf.signed", l.Date(p.SignedAt())))
	} else {
		d.Note(l.T("pact.pdf.draft", p.AcceptedCount(), len(p.Parties)))
	}
	d.Heading(2, l.T("pact.purpose"))
	d.Para(p.Purpose)
	d.Heading(2, l.T("pact.parties"))
	var parties []string
	for _, pt := range p.Parties {
		dom := l.T("pact.domain.residents")
		if pt.Domain != "" {
			dom = l.T("domain." + string(pt.Domain))
		}
		parties = append(parties, pt.Name+" ("+dom+")")
	}
	d.List(parties)
	d.Heading(2, l.T("pact.commitments"))
	for _, pt := range p.Parties {
		var rows [][]string
		for _, c := range p.Commitments {
			if c.PartyID == pt.ID {
				rows = append(rows, []string{c.What, c.Indicator, l.Number(c.Target), l.Date(c.Due), or(c.Owner, "–")})
			}
		}
		if len(rows) == 0 {
			continue
		}
		d.Heading(3, pt.Name)
		d.Table([]string{l.T("pact.col.what"), l.T("pact.col.indicator"), l.T("pact.col.target"), l.T("pact.col.due"), l.T("pact.col.owner")}, rows)
	}
	if len(p.Reviews) > 0 {
		d.Heading(2, l.T("pact.reviews"))
		var ds []string
		for _, r := range p.Reviews {
			ds = append(ds, l.Date(r))
		}
		d.List(ds)
	}
	d.Heading(2, l.T("pact.signatures"))
	var rows [][]string
	for _, pt := range p.Parties {
		if pt.Accepted != nil {
			rows = append(rows, []string{pt.Name, pt.Accepted.Signatory, l.Date(pt.Accepted.At)})
		} else {
			rows = append(rows, []string{pt.Name, "–", l.T("pact.not_accepted")})
		}
	}
	d.Table([]string{l.T("pact.col.party"), l.T("pact.col.signatory"), l.T("pact.col.date")}, rows)
	return d.Bytes()
}
