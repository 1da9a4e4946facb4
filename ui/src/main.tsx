import { render } from "preact";

import { App } from "./App";
import { askEarly } from "./startup";
import "./styles.css";

askEarly();

const root = document.getElementById("app");
if (root) render(<App />, root);
