package config

import (
	"strings"
	"testing"
)

func TestMapTiles(t *testing.T) {
	t.Parallel()
	none := func(string) string { return "" }
	c, _, err := Load("serve", nil, none, true)
	if err != nil {
		t.Fatal(err)
	}
	if c.MapTiles != DefaultMapTiles || c.MapTilesOrigin() != "https://service.pdok.nl" {
		t.Errorf("default MapTiles=%q origin=%q, want PDOK", c.MapTiles, c.MapTilesOrigin())
	}
	c, _, err = Load("serve", []string{"--map-tiles", ""}, none, true)
	if err != nil || c.MapTiles != "" || c.MapTilesOrigin() != "" {
		t.Errorf("--map-tiles '': MapTiles=%q origin=%q err=%v, want no tiles", c.MapTiles, c.MapTilesOrigin(), err)
	}
	c, _, err = Load("serve", nil, func(k string) string {
		if k == "WEI_MAP_TILES" {
			return "none"
		}
		return ""
	}, true)
	if err != nil || c.MapTiles != "" {
		t.Errorf("WEI_MAP_TILES=none: MapTiles=%q err=%v, want no tiles", c.MapTiles, err)
	}
	c, _, err = Load("serve", []string{"--map-tiles", "https://tiles.example.org/{z}/{x}/{y}.png"}, none, true)
	if err != nil || c.MapTilesOrigin() != "https://tiles.example.org" {
		t.Errorf("own tiles: origin=%q err=%v", c.MapTilesOrigin(), err)
	}
	for _, bad := range []string{"ftp://tiles.example.org/{z}/{x}/{y}", "https://tiles.example.org/tile.png", "not a url {z}{x}{y}"} {
		_, _, err := Load("serve", []string{"--map-tiles", bad}, none, true)
		if err == nil || !strings.Contains(err.Error(), "map tile URL") {
			t.Errorf("--map-tiles %q: err=%v, want a map tile URL error", bad, err)
		}
	}
}
