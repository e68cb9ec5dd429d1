package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/wei-platform/wei"
	"github.com/wei-platform/wei/sroi"
)

// The SROI settings and proxy library of a wijk. A wijk gets them the
// first time its impact pages open (EnsureSROILibrary): the defaults of
// the sroi package, with sroi.DefaultProxies as its library, which the
// process manager then edits. Outcomes copy the proxy they use, so an
// edit of the library never changes a finished analysis.

// SROISettings are a wijk's defaults for new analyses.
type SROISettings struct {
	WijkID       string
	HourlyRate   int64            // cents per hour of volunteer time
	DiscountRate sroi.BasisPoints // the rate analyses are reported at
	UpdatedBy    string
	UpdatedAt    time.Time
}

// Validate checks the settings with the rules of the sroi package.
func (st *SROISettings) Validate() error {
	f := wei.FieldErrors{}
	if st.HourlyRate < 0 || st.HourlyRate > sroi.MaxHourlyRate {
		f.Add("hourly_rate", sroi.KeyHourlyRate)
	}
	if st.DiscountRate < 0 || st.DiscountRate > sroi.Whole {
		f.Add("discount_rate", sroi.KeyPercentage)
	}
	return f.Err()
}

// EnsureSROILibrary gives a wijk its SROI settings and proxy library the
// first time: the default settings and sroi.DefaultProxies, in one
// transaction. Later calls change nothing, also when the wijk has since
// removed proxies: the settings row marks the library as seeded.
func (s *Store) EnsureSROILibrary(ctx context.Context, wijkID string) error {
	return s.inTx(ctx, func(tx *Tx) error {
		now := tx.s.now().UTC()
		res, err := tx.exec(ctx, "INSERT INTO sroi_settings (wijk_id, hourly_rate_cents, discount_rate_bp, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
			wijkID, sroi.DefaultHourlyRate, int(sroi.DutchDiscountRate), ms(now))
		if err != nil {
			return mapErr(fmt.Errorf("store: sroi settings: %w", err))
		}
		if n, err := res.RowsAffected(); err != nil {
			return fmt.Errorf("store: sroi settings: %w", err)
		} else if n == 0 {
			return nil // seeded before
		}
		for i, p := range sroi.DefaultProxies() {
			if err := insertProxy(ctx, tx, wijkID, p, i, "", now); err != nil {
				return err
			}
		}
		return nil
	})
}

func insertProxy(ctx context.Context, tx *Tx, wijkID string, p sroi.Proxy, position int, by string, now time.Time) error {
	if _, err := tx.exec(ctx, `INSERT INTO sroi_proxies (wijk_id, id, position, name, value_cents, unit, source, url, year, note, updated_by, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		wijkID, p.ID, position, p.Name, p.Value, p.Unit, p.Source, p.URL, p.Year, p.Note, by, ms(now)); err != nil {
		return mapErr(fmt.Errorf("store: sroi proxy %s: %w", p.ID, err))
	}
	return nil
}

// SROISettings returns a wijk's settings: the sroi package's defaults
// when the wijk has none yet.
func (s *Store) SROISettings(ctx context.Context, wijkID string) (SROISettings, error) {
	st := SROISettings{WijkID: wijkID, HourlyRate: sroi.DefaultHourlyRate, DiscountRate: sroi.DutchDiscountRate}
	var rate int
	var updated int64
	err := s.queryRow(ctx, "SELECT hourly_rate_cents, discount_rate_bp, updated_by, updated_at FROM sroi_settings WHERE wijk_id = ?", wijkID).
		Scan(&st.HourlyRate, &rate, &st.UpdatedBy, &updated)
	if errors.Is(err, sql.ErrNoRows) {
		return st, nil
	} else if err != nil {
		return st, fmt.Errorf("store: sroi settings: %w", err)
	}
	st.DiscountRate, st.UpdatedAt = sroi.BasisPoints(rate), fromMS(updated)
	return st, nil
}

// SaveSROISettings stores a wijk's settings. They apply to analyses made
// afterwards; an existing analysis keeps its own rates.
func (s *Store) SaveSROISettings(ctx context.Context, st *SROISettings) error {
	if err := st.Validate(); err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *Tx) error {
		st.UpdatedAt = tx.s.now().UTC()
		_, err := tx.exec(ctx, `INSERT INTO sroi_settings (wijk_id, hourly_rate_cents, discount_rate_bp, updated_by, updated_at) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (wijk_id) DO UPDATE SET hourly_rate_cents = excluded.hourly_rate_cents, discount_rate_bp = excluded.discount_rate_bp,
			updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
			st.WijkID, st.HourlyRate, int(st.DiscountRate), st.UpdatedBy, ms(st.UpdatedAt))
		if err != nil {
			return mapErr(fmt.Errorf("store: save sroi settings: %w", err))
		}
		return nil
	})
}

const proxyCols = "id, name, value_cents, unit, source, url, year, note"

func scanProxy(sc interface{ Scan(...any) error }) (sroi.Proxy, error) {
	var p sroi.Proxy
	err := sc.Scan(&p.ID, &p.Name, &p.Value, &p.Unit, &p.Source, &p.URL, &p.Year, &p.Note)
	return p, err
}

// SROIProxies returns a wijk's proxy library in its order.
func (s *Store) SROIProxies(ctx context.Context, wijkID string) ([]sroi.Proxy, error) {
	rows, err := s.query(ctx, "SELECT "+proxyCols+" FROM sroi_proxies WHERE wijk_id = ? ORDER BY position, id", wijkID)
	if err != nil {
		return nil, fmt.Errorf("store: sroi proxies: %w", err)
	}
	defer rows.Close()
	var out []sroi.Proxy
	for rows.Next() {
		p, err := scanProxy(rows)
		if err != nil {
			return nil, fmt.Errorf("store: sroi proxies: %w", err)
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// SROIProxy returns one proxy of a wijk's library.
func (s *Store) SROIProxy(ctx context.Context, wijkID, id string) (sroi.Proxy, error) {
	p, err := scanProxy(s.queryRow(ctx, "SELECT "+proxyCols+" FROM sroi_proxies WHERE wijk_id = ? AND id = ?", wijkID, id))
	return p, notFound(err, "store: sroi proxy %s: %w", id)
}

func proxyTx(ctx context.Context, tx *Tx, wijkID, id string) (sroi.Proxy, error) {
	p, err := scanProxy(tx.queryRow(ctx, "SELECT "+proxyCols+" FROM sroi_proxies WHERE wijk_id = ? AND id = ?", wijkID, id))
	return p, notFound(err, "store: sroi proxy %s: %w", id)
}

// SaveSROIProxy adds a proxy to a wijk's library (p.ID empty: it gets a
// new ID) or changes one. A proxy without a source, a value or a
// plausible year is refused (sroi.Proxy.Validate), and nothing is saved.
func (s *Store) SaveSROIProxy(ctx context.Context, wijkID string, p *sroi.Proxy, by string) error {
	if err := p.Validate(); err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *Tx) error {
		now := tx.s.now().UTC()
		if p.ID == "" {
			p.ID = wei.NewID()
			var pos int
			if err := tx.queryRow(ctx, "SELECT COALESCE(MAX(position), -1) + 1 FROM sroi_proxies WHERE wijk_id = ?", wijkID).Scan(&pos); err != nil {
				return fmt.Errorf("store: sroi proxy: %w", err)
			}
			return insertProxy(ctx, tx, wijkID, *p, pos, by, now)
		}
		res, err := tx.exec(ctx, `UPDATE sroi_proxies SET name = ?, value_cents = ?, unit = ?, source = ?, url = ?, year = ?, note = ?, updated_by = ?, updated_at = ?
			WHERE wijk_id = ? AND id = ?`, p.Name, p.Value, p.Unit, p.Source, p.URL, p.Year, p.Note, by, ms(now), wijkID, p.ID)
		if err != nil {
			return mapErr(fmt.Errorf("store: sroi proxy %s: %w", p.ID, err))
		}
		return mustAffect(res)
	})
}
