package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/wei-platform/wei"
	"github.com/wei-platform/wei/wijk"
)

const wijkCols = "id, slug, name, cbs_code, cbs_year, municipality, description, created_at"

func scanWijk(sc interface{ Scan(...any) error }) (wijk.Wijk, error) {
	var w wijk.Wijk
	var created int64
	err := sc.Scan(&w.ID, &w.Slug, &w.Name, &w.CBSCode, &w.CBSYear, &w.Municipality, &w.Description, &created)
	w.CreatedAt = fromMS(created)
	return w, err
}

// CreateWijk validates and stores a new wijk, setting its ID.
func (s *Store) CreateWijk(ctx context.Context, w *wijk.Wijk) error {
	w.Normalize()
	if err := w.Validate(); err != nil {
		return err
	}
	w.ID, w.CreatedAt = wei.NewID(), s.now().UTC()
	return s.inTx(ctx, func(tx *Tx) error {
		_, err := tx.exec(ctx, "INSERT INTO wijken ("+wijkCols+") VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
			w.ID, w.Slug, w.Name, w.CBSCode, w.CBSYear, w.Municipality, w.Description, ms(w.CreatedAt))
		if err != nil {
			return mapErr(fmt.Errorf("store: create wijk: %w", err))
		}
		return insertDefaultCriteria(ctx, tx, w.ID)
	})
}

// UpdateWijk changes name, codes and description of a wijk.
func (s *Store) UpdateWijk(ctx context.Context, w *wijk.Wijk) error {
	w.Normalize()
	if err := w.Validate(); err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *Tx) error {
		res, err := tx.exec(ctx, "UPDATE wijken SET slug = ?, name = ?, cbs_code = ?, cbs_year = ?, municipality = ?, description = ? WHERE id = ?",
			w.Slug, w.Name, w.CBSCode, w.CBSYear, w.Municipality, w.Description, w.ID)
		if err != nil {
			return mapErr(fmt.Errorf("store: update wijk %s: %w", w.ID, err))
		}
		return mustAffect(res)
	})
}

// Wijk returns the wijk with the given ID.
func (s *Store) Wijk(ctx context.Context, id string) (wijk.Wijk, error) {
	w, err := scanWijk(s.queryRow(ctx, "SELECT "+wijkCols+" FROM wijken WHERE id = ?", id))
	return w, notFound(err, "store: wijk %s: %w", id)
}

// WijkBySlug returns the wijk with the given URL slug.
func (s *Store) WijkBySlug(ctx context.Context, slug string) (wijk.Wijk, error) {
	w, err := scanWijk(s.queryRow(ctx, "SELECT "+wijkCols+" FROM wijken WHERE slug = ?", slug))
	return w, notFound(err, "store: wijk %q: %w", slug)
}

// Wijken lists all wijken by name.
func (s *Store) Wijken(ctx context.Context) ([]wijk.Wijk, error) {
	rows, err := s.query(ctx, "SELECT "+wijkCols+" FROM wijken ORDER BY name")
	if err != nil {
		return nil, fmt.Errorf("store: list wijken: %w", err)
	}
	defer rows.Close()
	var out []wijk.Wijk
	for rows.Next() {
		w, err := scanWijk(rows)
		if err != nil {
			return nil, fmt.Errorf("store: list wijken: %w", err)
		}
		out = append(out, w)
	}
	return out, rows.Err()
}

// CreateBuurt validates and stores a buurt of a wijk.
func (s *Store) CreateBuurt(ctx context.Context, b *wijk.Buurt) error {
	b.Normalize()
	if err := b.Validate(); err != nil {
		return err
	}
	b.ID = wei.NewID()
	return s.inTx(ctx, func(tx *Tx) error {
		_, err := tx.exec(ctx, "INSERT INTO buurten (id, wijk_id, name, cbs_code, cbs_year) VALUES (?, ?, ?, ?, ?)",
			b.ID, b.WijkID, b.Name, b.CBSCode, b.CBSYear)
		if err != nil {
			return mapErr(fmt.Errorf("store: create buurt: %w", err))
		}
		return nil
	})
}

// Buurten lists the buurten of a wijk by code.
func (s *Store) Buurten(ctx context.Context, wijkID string) ([]wijk.Buurt, error) {
	rows, err := s.query(ctx, "SELECT id, wijk_id, name, cbs_code, cbs_year FROM buurten WHERE wijk_id = ? ORDER BY cbs_code", wijkID)
	if err != nil {
		return nil, fmt.Errorf("store: list buurten: %w", err)
	}
	defer rows.Close()
	var out []wijk.Buurt
	for rows.Next() {
		var b wijk.Buurt
		if err := rows.Scan(&b.ID, &b.WijkID, &b.Name, &b.CBSCode, &b.CBSYear); err != nil {
			return nil, fmt.Errorf("store: list buurten: %w", err)
		}
		out = append(out, b)
	}
	return out, rows.Err()
}

// notFound maps sql.ErrNoRows to wei.ErrNotFound and wraps other errors.
func notFound(err error, format string, arg any) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf(format, arg, wei.ErrNotFound)
	}
	return fmt.Errorf(format, arg, err)
}

func mustAffect(res sql.Result) error {
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if n == 0 {
		return wei.ErrNotFound
	}
	return nil
}
