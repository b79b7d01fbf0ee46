package drill

import (
	"strings"
	"testing"

	"github.com/playdrill/playdrill/internal/playbook"
)

func TestNear(t *testing.T) {
	ids := []string{"marketing", "build-list", "work-list", "qualify", "handoff", "first-meeting", "discovery", "proposal", "close"}
	tests := []struct {
		id   string
		want []string
	}{
		{"qualfy", []string{"qualify"}},
		{"QUALIFY", []string{"qualify"}},
		{"list", []string{"work-list", "build-list"}},
		{"clse", []string{"close"}},
		{"meeting", []string{"first-meeting"}},
		{"xyzzy-plugh", nil},
	}
	for _, tt := range tests {
		got := Near(tt.id, ids, 5)
		if strings.Join(got, ",") != strings.Join(tt.want, ",") {
			t.Errorf("Near(%q) = %v, want %v", tt.id, got, tt.want)
		}
	}
}

// A mistyped step is answered with the ids it most likely
// means.
func TestQueueSuggestsNearIDs(t *testing.T) {
	book := &playbook.Playbook{Competitors: []string{"Company X", "Company Y"}, Processes: []*playbook.Process{{ID: "p", Steps: []*playbook.Step{
		{ID: "qualify", Process: "p"}, {ID: "handoff", Process: "p"},
	}}}}
	e := New(book, nil, Options{Rep: "ana", Free: true})
	_, err := e.Queue(Selection{Step: "qualfy"})
	if playbook.ErrorCode(err) != playbook.ENotFound || !strings.Contains(err.Error(), `did you mean qualify?`) {
		t.Fatalf("err %v", err)
	}
	_, err = e.Queue(Selection{Step: "zzzzzzzz"})
	if err == nil || !strings.Contains(err.Error(), "(steps: qualify, handoff)") {
		t.Fatalf("err %v", err)
	}
}
