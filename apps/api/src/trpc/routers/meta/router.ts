import { router } from "../../init.ts";
import { ping } from "./ping.ts";

export const metaRouter = router({ ping });
