package web

import (
	"encoding/json"
	"log/slog"
	"net/http"
	"net/url"
	"strings"

	"github.com/wei-platform/wei"
	"github.com/wei-platform/wei/cbs"
	"github.com/wei-platform/wei/internal/locale"
	"github.com/wei-platform/wei/internal/store"
	"github.com/wei-platform/wei/signaal"
	"github.com/wei-platform/wei/wijk"
)

// The map page (/w/{wijk}/kaart) shows the buurten of a wijk with the
// number of signals of the last twelve months: as SVG drawn on the server,
// as a table with the same figures, and, when JavaScript runs, as a
// Leaflet map over the tiles of --map-tiles. Counts under signaal.MinCell
// are shown as "fewer than 5".

// cbsBand is a colour class of the map.
type cbsBand struct {
	Min  int // counts from Min up; the first band is the hidden counts
	Fill string
	Key  string // legend text
}

var cbsBands = []cbsBand{
	{0, "#f1f4f8", "cbs.map.legend.hidden"},
	{signaal.MinCell, "#c6dbef", "cbs.map.legend.5"},
	{10, "#6baed6", "cbs.map.legend.10"},
	{25, "#2b7bba", "cbs.map.legend.25"},
}

// cbsFill is the colour of a published count: the first band for hidden
// counts and for 0 (SuppressTable shows 0: it points at nobody).
func cbsFill(c signaal.Cell) string {
	if c.Hidden {
		return cbsBands[0].Fill
	}
	fill := cbsBands[0].Fill
	for _, b := range cbsBands[1:] {
		if c.N >= b.Min {
			fill = b.Fill
		}
	}
	return fill
}

// cbsCountText is a published count in words: "12 signalen", "minder dan 5".
func cbsCountText(l *locale.Localizer, c signaal.Cell) string {
	if c.Hidden {
		return l.T("cbs.count.hidden")
	}
	return l.T("cbs.count.signals", l.Number(int64(c.N)))
}

// cbsCountShort is the count as a number, or "fewer than 5".
func cbsCountShort(l *locale.Localizer, c signaal.Cell) string {
	if c.Hidden {
		return l.T("cbs.count.hidden")
	}
	return l.Number(int64(c.N))
}

type cbsLegendItem struct {
	Fill  string
	Label string
}

type cbsMapRow struct {
	Name, Code string
	Count      string
	HasShape   bool
}

type cbsMapPage struct {
	Page
	Wijk             wijk.Wijk
	Rows             []cbsMapRow
	Counts           cbsCounts
	SVG              *cbsSVG
	Legend           []cbsLegendItem
	Missing          int // buurten without an imported boundary
	Source           *store.CBSImport
	Tiles            string
	TilesAttribution string
	GeoJSONURL       string
}

// cbsMapData is what the map page and its GeoJSON share.
type cbsMapData struct {
	buurten []wijk.Buurt
	counts  cbsCounts
	shapes  []cbs.Shape
	cell    map[string]signaal.Cell // by buurt code
	name    map[string]string       // by buurt code
}

func (h *Handler) cbsMapData(r *http.Request, rc *request) (cbsMapData, error) {
	var d cbsMapData
	var err error
	if d.buurten, err = h.store.Buurten(ctx(r), rc.Wijk.ID); err != nil {
		return d, err
	}
	if d.counts, err = h.cbsSignalCounts(ctx(r), rc.Wijk.ID, d.buurten); err != nil {
		return d, err
	}
	if d.shapes, err = h.store.BuurtShapes(ctx(r), rc.Wijk.ID); err != nil {
		return d, err
	}
	d.cell, d.name = map[string]signaal.Cell{}, map[string]string{}
	for i, b := range d.buurten {
		if _, seen := d.cell[b.CBSCode]; !seen {
			d.cell[b.CBSCode], d.name[b.CBSCode] = d.counts.Buurten[i], b.Name
		}
	}
	return d, nil
}

func (h *Handler) cbsMap(w http.ResponseWriter, r *http.Request, rc *request) {
	d, err := h.cbsMapData(r, rc)
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	l := rc.L
	p := cbsMapPage{Page: h.page(r, rc, l.T("cbs.map.title")), Wijk: *rc.Wijk, Counts: d.counts,
		GeoJSONURL: "/w/" + rc.Wijk.Slug + "/kaart.geojson"}
	hasShape := map[string]bool{}
	for _, s := range d.shapes {
		hasShape[s.Code] = true
	}
	for i, b := range d.buurten {
		p.Rows = append(p.Rows, cbsMapRow{Name: b.Name, Code: b.CBSCode, Count: cbsCountText(l, d.counts.Buurten[i]), HasShape: hasShape[b.CBSCode]})
		if !hasShape[b.CBSCode] {
			p.Missing++
		}
	}
	p.SVG = newCBSSVG(d.shapes, func(i int) (string, string, string, string) {
		c := d.cell[d.shapes[i].Code]
		name := d.name[d.shapes[i].Code]
		return cbsFill(c), name + ": " + cbsCountText(l, c), name, cbsCountShort(l, c)
	})
	for _, b := range cbsBands {
		p.Legend = append(p.Legend, cbsLegendItem{Fill: b.Fill, Label: l.T(b.Key)})
	}
	if imp, err := h.store.LastCBSImport(ctx(r), store.CBSBuurten, 0); err == nil {
		p.Source = &imp
	} else if wei.ErrorCode(err) != wei.ENOTFOUND {
		h.serverError(w, r, rc, err)
		return
	}
	if p.SVG != nil && h.cfg.MapTiles != "" {
		p.Tiles = h.cfg.MapTiles
		p.TilesAttribution = l.T("cbs.map.tiles_other", h.cfg.MapTilesOrigin())
		if u, err := url.Parse(h.cfg.MapTiles); err == nil && strings.HasSuffix(u.Hostname(), "pdok.nl") {
			p.TilesAttribution = l.T("cbs.map.tiles_pdok")
		}
	}
	h.render(w, r, rc, "cbs_map.html", p)
}

// cbsFeature is a buurt in the GeoJSON of the map page.
type cbsFeature struct {
	Type       string          `json:"type"`
	Properties cbsFeatureProps `json:"properties"`
	Geometry   json.RawMessage `json:"geometry"`
}

type cbsFeatureProps struct {
	Code  string `json:"code"`
	Name  string `json:"name"`
	Count *int   `json:"count"` // null when fewer than signaal.MinCell
	Label string `json:"label"`
	Fill  string `json:"fill"`
}

// cbsMapGeoJSON serves the wijk's buurten with their published counts as
// GeoJSON in WGS84, for the Leaflet map.
func (h *Handler) cbsMapGeoJSON(w http.ResponseWriter, r *http.Request, rc *request) {
	d, err := h.cbsMapData(r, rc)
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	fc := struct {
		Type     string       `json:"type"`
		Features []cbsFeature `json:"features"`
	}{Type: "FeatureCollection", Features: []cbsFeature{}}
	for _, s := range d.shapes {
		c := d.cell[s.Code]
		f := cbsFeature{Type: "Feature", Geometry: s.GeometryJSON(), Properties: cbsFeatureProps{
			Code: s.Code, Name: d.name[s.Code], Label: cbsCountText(rc.L, c), Fill: cbsFill(c)}}
		if !c.Hidden {
			n := c.N
			f.Properties.Count = &n
		}
		fc.Features = append(fc.Features, f)
	}
	body, err := json.Marshal(fc)
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	w.Header().Set("Content-Type", "application/geo+json")
	w.Header().Set("Cache-Control", "no-cache")
	if _, err := w.Write(body); err != nil {
		h.log.Debug("writing geojson failed", slog.Any("error", err))
	}
}

// tileImgSrc is the tile host for the img-src of the
// Content-Security-Policy: " https://service.pdok.nl", or "" without tiles.
func (h *Handler) tileImgSrc() string {
	if o := h.cfg.MapTilesOrigin(); o != "" {
		return " " + o
	}
	return ""
}
