import { router } from "../../init.ts";
import { listLibrary } from "./list-library.ts";

export const exerciseRouter = router({ listLibrary });
