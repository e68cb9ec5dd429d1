package store_test

import (
	"testing"

	"github.com/wei-platform/wei/internal/store"
)

// TestInputsExportAndErase: the AVG download holds the inputs a resident
// gave in a wijkdialoog; erasure unlinks them from the account and ends the
// follows, while the inputs stay on the public page.
func TestInputsExportAndErase(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, s *store.Store) {
		ctx := t.Context()
		dw := newDialogueWijk(t, s, "avg-dialoog")
		mine := dw.input(t, s, "Meer bankjes in het park")
		x, err := s.ExportUser(ctx, dw.bewoner.ID, "req-export")
		if err != nil {
			t.Fatal(err)
		}
		if len(x.Inputs) != 1 || x.Inputs[0].Text != mine.Body || x.Inputs[0].Dialogue != "Groen en spelen" || !x.Inputs[0].Following {
			t.Errorf("exported inputs %+v, want the one input, followed", x.Inputs)
		}
		if x, err := s.ExportUser(ctx, dw.partner.ID, "req-export"); err != nil || len(x.Inputs) != 0 {
			t.Errorf("another user's export holds inputs: %+v, %v", x.Inputs, err)
		}

		if err := s.EraseUser(ctx, dw.bewoner.ID, dw.bewoner.ID, "req-erase"); err != nil {
			t.Fatal(err)
		}
		got, err := s.Input(ctx, mine.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.AuthorUserID != "" || got.Body != mine.Body {
			t.Errorf("after erasure: author %q, body %q; want no author and the text kept", got.AuthorUserID, got.Body)
		}
		if f, err := s.Follows(ctx, mine.ID, dw.bewoner.ID); err != nil || f {
			t.Errorf("erased user still follows the input: %v, %v", f, err)
		}
	})
}
