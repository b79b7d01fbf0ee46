package tui

import (
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

// newOrderList shows c's items in order, the attempt's arrangement
// (drill.Arrange): shown position -> item index.
func newOrderList(c *playbook.Card, order []int) orderList {
	if len(order) != len(c.Items) {
		order = make([]int, len(c.Items))
		for i := range order {
			order[i] = i
		}
	}
	return orderList{items: c.Items, order: append([]int(nil), order...), keys: newOrderKeys()}
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
