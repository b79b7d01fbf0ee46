package drill

import (
	"hash/fnv"
	"math/rand/v2"
	"sync"

	"github.com/playdrill/playdrill/internal/playbook"
)

// Arrange is the one shuffle of playdrill: the order in which an attempt
// shows a card's options (choice, classify) or items (order), as indexes
// into Options or Items; nil for a card answered by typing. It depends
// only on the attempt's id and the card, so a recorded attempt can be
// replayed as the rep saw it, and every front end shows an attempt alike.
// An order card is never shown already in order.
func Arrange(c *playbook.Card, attempt string) []int {
	var n int
	switch c.Kind {
	case playbook.KindChoice, playbook.KindClassify:
		n = len(c.Options)
	case playbook.KindOrder:
		n = len(c.Items)
	default:
		return nil
	}
	h := fnv.New64a()
	h.Write([]byte(attempt))
	h.Write([]byte{0})
	h.Write([]byte(c.ID))
	seed := h.Sum64()
	perm := rand.New(rand.NewPCG(seed, seed>>1|1)).Perm(n)
	if c.Kind == playbook.KindOrder && n >= 2 && sorted(perm) {
		perm = append(perm[1:], perm[0])
	}
	return perm
}

func sorted(perm []int) bool {
	for i, v := range perm {
		if i != v {
			return false
		}
	}
	return true
}

// Presentation is one attempt at a card as a front end shows it.
type Presentation struct {
	// Attempt is the id the attempt is recorded under.
	Attempt string
	// Order is Arrange's order for the attempt (nil for a typed card):
	// shown position i holds option or item Order[i].
	Order []int
}

// presented holds the attempt ids handed out by Present, by card id, until
// Record files them.
type presented struct {
	mu  sync.Mutex
	ids map[string]string
}

// Present starts an attempt at c: a fresh attempt id and the order to
// show c's options or items in. The next Record of c is filed under that
// id, so the recorded attempt says how it was shown. Safe for concurrent
// use.
func (e *Engine) Present(c *playbook.Card) Presentation {
	id := e.opt.NewID()
	e.presented.mu.Lock()
	if e.presented.ids == nil {
		e.presented.ids = map[string]string{}
	}
	e.presented.ids[c.ID] = id
	e.presented.mu.Unlock()
	return Presentation{Attempt: id, Order: Arrange(c, id)}
}

// attemptID is the id for the attempt at card being recorded: the one
// Present handed out for it, else a fresh one.
func (e *Engine) attemptID(card string) string {
	e.presented.mu.Lock()
	defer e.presented.mu.Unlock()
	if id, ok := e.presented.ids[card]; ok {
		return id
	}
	return e.opt.NewID()
}

// filed forgets the presented attempt id once its attempt is recorded, so
// that no two attempts share an id; a failed Record keeps it for a retry.
func (e *Engine) filed(card, id string) {
	e.presented.mu.Lock()
	defer e.presented.mu.Unlock()
	if e.presented.ids[card] == id {
		delete(e.presented.ids, card)
	}
}
