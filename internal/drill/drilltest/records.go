package drilltest

import (
	"sort"

	"github.com/playdrill/playdrill/internal/playbook"
)

var (
	_ playbook.DisputeStore  = (*Store)(nil)
	_ playbook.IdentityStore = (*Store)(nil)
)

// records are the Store's disputes, reviews and card identity data.
type records struct {
	disputes   []playbook.Dispute
	reviews    []playbook.Review
	seen       map[string]playbook.Card
	identities []playbook.Identity
}

func (r *records) addDispute(d playbook.Dispute) bool {
	for _, x := range r.disputes {
		if x.ID == d.ID {
			return false
		}
	}
	d.Missed = append([]string(nil), d.Missed...)
	r.disputes = append(r.disputes, d)
	return true
}

// AddDispute implements playbook.DisputeStore.
func (s *Store) AddDispute(d playbook.Dispute) (bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.Fail != nil {
		return false, s.Fail
	}
	return s.records.addDispute(d), nil
}

// Disputes implements playbook.DisputeStore.
func (s *Store) Disputes() ([]playbook.Dispute, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := append([]playbook.Dispute(nil), s.records.disputes...)
	sort.SliceStable(out, func(i, j int) bool { return out[i].At.Before(out[j].At) })
	return out, nil
}

// AddReview implements playbook.DisputeStore.
func (s *Store) AddReview(r playbook.Review) (bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.Fail != nil {
		return false, s.Fail
	}
	for _, x := range s.records.reviews {
		if x.ID == r.ID {
			return false, nil
		}
	}
	s.records.reviews = append(s.records.reviews, r)
	return true, nil
}

// Reviews implements playbook.DisputeStore.
func (s *Store) Reviews() ([]playbook.Review, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := append([]playbook.Review(nil), s.records.reviews...)
	sort.SliceStable(out, func(i, j int) bool { return out[i].At.Before(out[j].At) })
	return out, nil
}

// SeenCards implements playbook.IdentityStore.
func (s *Store) SeenCards() (map[string]playbook.Card, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make(map[string]playbook.Card, len(s.records.seen))
	for k, v := range s.records.seen {
		out[k] = v
	}
	return out, nil
}

// Identities implements playbook.IdentityStore.
func (s *Store) Identities() ([]playbook.Identity, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]playbook.Identity(nil), s.records.identities...), nil
}

// SaveIdentity implements playbook.IdentityStore.
func (s *Store) SaveIdentity(seen []*playbook.Card, decided []playbook.Identity) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.Fail != nil {
		return s.Fail
	}
	if s.records.seen == nil {
		s.records.seen = map[string]playbook.Card{}
	}
	for _, c := range seen {
		if c != nil {
			s.records.seen[c.ID] = *c
		}
	}
	s.records.identities = append(s.records.identities, decided...)
	return nil
}
