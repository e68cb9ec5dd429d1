package api

import (
	"net/http"
	"time"

	"github.com/wei-platform/wei/wijk"
)

type wijkJSON struct {
	ID           string    `json:"id"`
	Slug         string    `json:"slug"`
	Name         string    `json:"name"`
	CBSCode      string    `json:"cbs_code"`
	CBSYear      int       `json:"cbs_year"`
	Municipality string    `json:"municipality"`
	Description  string    `json:"description"`
	CreatedAt    time.Time `json:"created_at"`
}

func toWijk(w wijk.Wijk) wijkJSON {
	return wijkJSON{ID: w.ID, Slug: w.Slug, Name: w.Name, CBSCode: w.CBSCode, CBSYear: w.CBSYear,
		Municipality: w.Municipality, Description: w.Description, CreatedAt: utc(w.CreatedAt)}
}

type buurtJSON struct {
	ID      string `json:"id"`
	WijkID  string `json:"wijk_id"`
	Name    string `json:"name"`
	CBSCode string `json:"cbs_code"`
	CBSYear int    `json:"cbs_year"`
}

func toBuurten(bs []wijk.Buurt) []buurtJSON {
	out := make([]buurtJSON, 0, len(bs))
	for _, b := range bs {
		out = append(out, buurtJSON{ID: b.ID, WijkID: b.WijkID, Name: b.Name, CBSCode: b.CBSCode, CBSYear: b.CBSYear})
	}
	return out
}

// wijkDetail is a wijk with its buurten and public counts. Counts are
// aggregates, not personal data, so they are public.
type wijkDetail struct {
	wijkJSON
	Buurten []buurtJSON `json:"buurten"`
	Counts  wijkCounts  `json:"counts"`
}

type wijkCounts struct {
	People        int               `json:"people"`
	Organisations int               `json:"organisations"`
	ByForm        map[wijk.Form]int `json:"organisations_by_form"`
}

func (a *api) listWijken(w http.ResponseWriter, r *http.Request, c *call) error {
	ws, err := a.store.Wijken(r.Context())
	if err != nil {
		return err
	}
	out := make([]wijkJSON, 0, len(ws))
	for _, x := range ws {
		out = append(out, toWijk(x))
	}
	a.writeJSON(w, r, http.StatusOK, list(out))
	return nil
}

func (a *api) getWijk(w http.ResponseWriter, r *http.Request, c *call) error {
	ctx := r.Context()
	bs, err := a.store.Buurten(ctx, c.wijk.ID)
	if err != nil {
		return err
	}
	people, err := a.store.CountPeople(ctx, c.wijk.ID)
	if err != nil {
		return err
	}
	orgs, err := a.store.Organisations(ctx, c.wijk.ID)
	if err != nil {
		return err
	}
	counts := wijkCounts{People: people, Organisations: len(orgs), ByForm: map[wijk.Form]int{}}
	for _, f := range wijk.Forms {
		counts.ByForm[f] = 0
	}
	for _, o := range orgs {
		counts.ByForm[o.Form]++
	}
	a.writeJSON(w, r, http.StatusOK, wijkDetail{wijkJSON: toWijk(c.wijk), Buurten: toBuurten(bs), Counts: counts})
	return nil
}

func (a *api) listBuurten(w http.ResponseWriter, r *http.Request, c *call) error {
	bs, err := a.store.Buurten(r.Context(), c.wijk.ID)
	if err != nil {
		return err
	}
	a.writeJSON(w, r, http.StatusOK, list(toBuurten(bs)))
	return nil
}
