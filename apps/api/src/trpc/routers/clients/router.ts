import { router } from "../../init.ts";
import { getClient } from "./get-client.ts";
import { listClients } from "./list-clients.ts";

export const clientsRouter = router({ list: listClients, get: getClient });
