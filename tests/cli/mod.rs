mod bad_input;
mod cases;
mod deadlines;
mod documents;
mod journal;
mod search;
mod support;
mod verify;
