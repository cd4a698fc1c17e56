// Bound into eyrie_layer (see formal/mkrtl.sh): the registered array stall
// equals the condition it stands for in every cycle (the array holds exactly
// while the top's window-completing last-pass output meets a full maxpool
// output register), so en is the combinational rule of docs/architecture.md
// s.2 with one register instead of the logic in front of its fanout.
  always @* if (rst_ni) assert (stall_q == (top_valid && top_lp && !pool_in_ready));
