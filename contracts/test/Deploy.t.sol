// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";
import {Deploy} from "../script/Deploy.s.sol";
import {AdMarket} from "../src/AdMarket.sol";
import {Plots} from "../src/Plots.sol";

/// @dev The deploy script on a production chain id (10): it refuses the anvil key, missing roles and
/// shared keys, and with four distinct roles it hands admin over and keeps no power for the deployer.
contract DeployTest is Test {
    uint256 internal constant ANVIL_KEY_1 =
        0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d;
    address internal admin = makeAddr("admin");
    address internal settler = makeAddr("settler");
    address internal guardian = makeAddr("guardian");
    address internal treasury = makeAddr("treasury");
    string internal file = "deployments/10.json";

    function setUp() public {
        vm.chainId(10);
        vm.setEnv("DEPLOYMENTS_DIR", "deployments");
        vm.setEnv("ADMIN", "");
        vm.setEnv("SETTLER", "");
        vm.setEnv("GUARDIAN", "");
        vm.setEnv("TREASURY", "");
        vm.setEnv("PRIVATE_KEY", "");
    }

    /// @dev One test for both ways: environment variables are process-wide, so two tests setting
    /// them would race.
    function test_refusesBadEnvThenDeploysWithDistinctRolesAndHandsAdminOver() public {
        Deploy script = new Deploy();
        vm.expectRevert(abi.encodeWithSelector(Deploy.MissingEnv.selector, "PRIVATE_KEY"));
        script.run();

        vm.setEnv(
            "PRIVATE_KEY",
            vm.toString(bytes32(0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80))
        );
        vm.expectRevert(
            abi.encodeWithSelector(
                Deploy.RolesNotDistinct.selector,
                vm.addr(0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80)
            )
        );
        script.run();

        vm.setEnv("PRIVATE_KEY", vm.toString(bytes32(ANVIL_KEY_1)));
        vm.expectRevert(abi.encodeWithSelector(Deploy.MissingEnv.selector, "ADMIN"));
        script.run();

        _setRoles(admin, settler, settler, treasury); // settler = guardian
        vm.expectRevert(abi.encodeWithSelector(Deploy.RolesNotDistinct.selector, settler));
        script.run();

        _setRoles(admin, settler, guardian, treasury);
        new Deploy().run();
        string memory json = vm.readFile(file);
        vm.removeFile(file);
        AdMarket market = AdMarket(vm.parseJsonAddress(json, ".AdMarket"));
        Plots plots = Plots(vm.parseJsonAddress(json, ".Plots"));
        address deployer = vm.addr(ANVIL_KEY_1);

        assertTrue(market.hasRole(market.SETTLER_ROLE(), settler));
        assertTrue(market.hasRole(market.GUARDIAN_ROLE(), guardian));
        assertEq(market.treasury(), treasury);
        assertEq(market.challengePeriod(), 1 days);
        assertFalse(market.hasRole(market.SETTLER_ROLE(), deployer));
        assertFalse(market.hasRole(market.GUARDIAN_ROLE(), deployer));
        // AdMarket: a pending two-step transfer that ADMIN accepts after the delay.
        (address pendingAdmin, uint48 schedule) = market.pendingDefaultAdmin();
        assertEq(pendingAdmin, admin);
        vm.warp(uint256(schedule) + 1);
        vm.prank(admin);
        market.acceptDefaultAdminTransfer();
        assertEq(market.defaultAdmin(), admin);
        assertFalse(market.hasRole(market.DEFAULT_ADMIN_ROLE(), deployer));
        // Plots: ADMIN at once, the deployer renounced.
        assertTrue(plots.hasRole(plots.DEFAULT_ADMIN_ROLE(), admin));
        assertFalse(plots.hasRole(plots.DEFAULT_ADMIN_ROLE(), deployer));
    }

    function _setRoles(address a, address s, address g, address t) internal {
        vm.setEnv("ADMIN", vm.toString(a));
        vm.setEnv("SETTLER", vm.toString(s));
        vm.setEnv("GUARDIAN", vm.toString(g));
        vm.setEnv("TREASURY", vm.toString(t));
    }
}
