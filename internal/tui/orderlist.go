package tui

import (
	"hash/fnv"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/playdrill/playdrill/internal/playbook"
)

// orderKeys move through an order list and move its items.
type orderKeys struct {
	Up, Down, MoveUp, MoveDown key.Binding
}

func newOrderKeys() orderKeys {
	return orderKeys{
		Up:       upKey("up"),
		Down:     downKey("down"),
		MoveUp:   key.NewBinding(key.WithKeys("shift+up", "K"), key.WithHelp("shift+↑/K", "move up")),
		MoveDown: key.NewBinding(key.WithKeys("shift+down", "J"), key.WithHelp("shift+↓/J", "move down")),
	}
}

// orderList is the rep's arrangement of an order card's items.
type orderList struct {
	items  []string
	order  []int // indexes into items, in the rep's order
	cursor int
	keys   orderKeys
}

func newOrderList(c *playbook.Card) orderList {
	return orderList{items: c.Items, order: shuffled(c), keys: newOrderKeys()}
}

// Update handles a key and reports whether it was one of the list's.
func (o *orderList) Update(msg tea.KeyPressMsg) bool {
	n := len(o.order)
	switch {
	case key.Matches(msg, o.keys.MoveUp):
		if o.cursor > 0 {
			o.order[o.cursor], o.order[o.cursor-1] = o.order[o.cursor-1], o.order[o.cursor]
			o.cursor--
		}
	case key.Matches(msg, o.keys.MoveDown):
		if o.cursor < n-1 {
			o.order[o.cursor], o.order[o.cursor+1] = o.order[o.cursor+1], o.order[o.cursor]
			o.cursor++
		}
	case key.Matches(msg, o.keys.Up):
		o.cursor = max(o.cursor-1, 0)
	case key.Matches(msg, o.keys.Down):
		o.cursor = min(o.cursor+1, max(n-1, 0))
	default:
		return false
	}
	return true
}

// Picks is the arrangement as the answer to grade.
func (o *orderList) Picks() []int { return append([]int(nil), o.order...) }

func (o *orderList) View(st styles, width int) string {
	items := make([]string, len(o.order))
	for pos, idx := range o.order {
		items[pos] = itoa(pos+1) + ". " + cleanLine(o.items[idx])
	}
	return cursorList(st, items, o.cursor, width)
}

// shuffled returns a fixed, card-dependent arrangement of an order card's
// items that is never already in order (so the rep has to do the work) and
// is the same every time the card shows (so tests and screenshots hold).
func shuffled(c *playbook.Card) []int {
	n := len(c.Items)
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	if n < 2 {
		return order
	}
	h := fnv.New32a()
	h.Write([]byte(c.ID))
	seed := h.Sum32()
	for i := n - 1; i > 0; i-- {
		seed = seed*1664525 + 1013904223
		j := int(seed % uint32(i+1))
		order[i], order[j] = order[j], order[i]
	}
	inOrder := true
	for i, v := range order {
		if v != i {
			inOrder = false
		}
	}
	if inOrder {
		order[0], order[1] = order[1], order[0]
	}
	return order
}
